"""Internal control: processes, risks, risk actions, audit findings and controls."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Ordered


class Process(Ordered):
    """A process or goal area of a committee's internal-control plan."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="processes"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=300)

    class Meta(Ordered.Meta):
        verbose_name = "process"
        verbose_name_plural = "processer"
        constraints = [
            models.UniqueConstraint(fields=("committee_year", "code"), name="process_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Risk(Ordered):
    """A risk in a process, with probability and consequence on the matrix."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="risks")
    code = models.CharField("kod", max_length=40)
    description = models.TextField("risk")
    probability = models.PositiveSmallIntegerField("sannolikhet", null=True, blank=True)
    consequence = models.PositiveSmallIntegerField("konsekvens", null=True, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "risk"
        verbose_name_plural = "risker"

    def __str__(self) -> str:
        return f"{self.code} {self.description[:60]}"


class RiskActionQuerySet(RestrictedQuerySet["RiskAction"]):
    """Risk actions, narrowed with `for_user`; they belong to the committee, not to a unit."""

    committee_path = "risk__process__committee_year__committee"
    municipality_path = "risk__process__committee_year__committee__municipality"


class RiskAction(Ordered):
    """An action that reduces a risk."""

    objects = RiskActionQuerySet.as_manager()

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField("kod", max_length=40)
    text = models.TextField("riskåtgärd")

    class Meta(Ordered.Meta):
        verbose_name = "riskåtgärd"
        verbose_name_plural = "riskåtgärder"

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class AuditFinding(Ordered):
    """A recommendation from the auditors or another external review."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="audit_findings"
    )
    code = models.CharField("kod", max_length=40)
    title = models.CharField("granskning", max_length=300)
    case_reference = models.CharField("diarienummer", max_length=60, blank=True)
    background = models.TextField("risk/bakgrund", blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "granskning"
        verbose_name_plural = "granskningar"
        constraints = [
            models.UniqueConstraint(fields=("committee_year", "code"), name="finding_code_unique")
        ]

    def __str__(self) -> str:
        return self.title


class AuditActionQuerySet(RestrictedQuerySet["AuditAction"]):
    """Actions on audit findings, narrowed with `for_user`; they belong to the committee."""

    committee_path = "finding__committee_year__committee"
    municipality_path = "finding__committee_year__committee__municipality"


class AuditAction(Ordered):
    """An action taken on an audit finding."""

    objects = AuditActionQuerySet.as_manager()

    finding = models.ForeignKey(AuditFinding, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField("kod", max_length=40)
    text = models.TextField("åtgärd")

    class Meta(Ordered.Meta):
        verbose_name = "åtgärd efter granskning"
        verbose_name_plural = "åtgärder efter granskning"

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class ControlQuerySet(RestrictedQuerySet["Control"]):
    """Controls, narrowed with `for_user`; they belong to the committee, not to a unit."""

    committee_path = "process__committee_year__committee"
    municipality_path = "process__committee_year__committee__municipality"


class Control(Ordered):
    """A systematic control in a process."""

    objects = ControlQuerySet.as_manager()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="controls")
    code = models.CharField("kod", max_length=40)
    text = models.TextField("kontroll")
    purpose = models.TextField("varför görs kontrollen", blank=True)
    frequency = models.CharField("frekvens", max_length=100, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "systematisk kontroll"
        verbose_name_plural = "systematiska kontroller"

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class RiskActionFollowUp(FollowUpBase):
    """A risk action's status and comment for a period."""

    action = models.ForeignKey(RiskAction, on_delete=models.CASCADE, related_name="follow_ups")

    class Meta(FollowUpBase.Meta):
        verbose_name = "uppföljning av riskåtgärd"
        verbose_name_plural = "uppföljningar av riskåtgärder"
        constraints = [
            models.UniqueConstraint(
                fields=("action", "period"), name="risk_action_follow_up_unique"
            )
        ]


class AuditActionFollowUp(FollowUpBase):
    """An audit action's status and comment for a period."""

    action = models.ForeignKey(AuditAction, on_delete=models.CASCADE, related_name="follow_ups")

    class Meta(FollowUpBase.Meta):
        verbose_name = "uppföljning av åtgärd efter granskning"
        verbose_name_plural = "uppföljningar av åtgärder efter granskning"
        constraints = [
            models.UniqueConstraint(
                fields=("action", "period"), name="audit_action_follow_up_unique"
            )
        ]


class ControlFollowUp(FollowUpBase):
    """A control's status and comment for a period."""

    control = models.ForeignKey(Control, on_delete=models.CASCADE, related_name="follow_ups")

    class Meta(FollowUpBase.Meta):
        verbose_name = "uppföljning av kontroll"
        verbose_name_plural = "uppföljningar av kontroller"
        constraints = [
            models.UniqueConstraint(fields=("control", "period"), name="control_follow_up_unique")
        ]
