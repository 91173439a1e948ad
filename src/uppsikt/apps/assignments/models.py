"""Assignments (uppdrag) and their follow-ups."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.goals.models import CommitteeGoal
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Ordered
from uppsikt.domain.assignments import Origin


class AssignmentQuerySet(RestrictedQuerySet["Assignment"]):
    """Assignments, narrowed with `for_user`: a reporter's are those of their units."""

    committee_path = "committee_year__committee"
    municipality_path = "committee_year__committee__municipality"
    unit_path = "unit"


class Assignment(Ordered):
    """A task given to the administration."""

    objects = AssignmentQuerySet.as_manager()

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="assignments"
    )
    code = models.CharField("kod", max_length=40)
    text = models.TextField("uppdrag")
    origin = models.CharField(
        "ursprung", max_length=10, choices=[(item.value, item.label) for item in Origin]
    )
    goal = models.ForeignKey(
        CommitteeGoal, null=True, blank=True, on_delete=models.RESTRICT, related_name="assignments"
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.RESTRICT, related_name="assignments"
    )

    class Meta(Ordered.Meta):
        verbose_name = "uppdrag"
        verbose_name_plural = "uppdrag"
        constraints = [
            models.UniqueConstraint(
                fields=("committee_year", "code"), name="assignment_code_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:60]}"


class AssignmentFollowUp(FollowUpBase):
    """An assignment's status and comment for a period."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="follow_ups")

    class Meta(FollowUpBase.Meta):
        verbose_name = "uppföljning av uppdrag"
        verbose_name_plural = "uppföljningar av uppdrag"
        constraints = [
            models.UniqueConstraint(
                fields=("assignment", "period"), name="assignment_follow_up_unique"
            )
        ]
