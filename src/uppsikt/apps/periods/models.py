"""Years, reporting periods, and each committee's year and period state."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.organisation.models import Committee, Municipality
from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Tracked
from uppsikt.apps.vocabularies.models import AssessmentScale, StatusVocabulary
from uppsikt.domain.periods import PeriodKey, PeriodKind, PeriodState


class Year(Tracked):
    """A municipality's calendar and fiscal year."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField("år")

    class Meta:
        verbose_name = "år"
        verbose_name_plural = "år"
        ordering = ("municipality", "year")
        constraints = [models.UniqueConstraint(fields=("municipality", "year"), name="year_unique")]

    def __str__(self) -> str:
        return str(self.year)


class ReportingPeriod(Tracked):
    """A period of a year that committees follow up."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(
        "typ", max_length=2, choices=[(kind.value, kind.name) for kind in PeriodKind]
    )
    month = models.PositiveSmallIntegerField("månad", null=True, blank=True)
    name = models.CharField("namn", max_length=200, blank=True)
    closing_date = models.DateField("slutdatum")
    comparison = models.CharField("jämförelseperiod", max_length=8, blank=True)

    class Meta:
        verbose_name = "rapportperiod"
        verbose_name_plural = "rapportperioder"
        ordering = ("year", "closing_date", "kind")
        constraints = [
            models.UniqueConstraint(fields=("year", "kind", "month"), name="period_unique"),
            models.UniqueConstraint(
                fields=("year", "kind"),
                condition=models.Q(month__isnull=True),
                name="period_unique_without_month",
            ),
        ]

    @property
    def key(self) -> PeriodKey:
        """The period's key, such as 2023-T1."""
        return PeriodKey(self.year.year, PeriodKind(self.kind), self.month)

    def __str__(self) -> str:
        return str(self.key)


class CommitteeYearQuerySet(RestrictedQuerySet["CommitteeYear"]):
    """Committees' years, narrowed to a person's with `for_user`."""

    committee_path = "committee"
    municipality_path = "committee__municipality"


class CommitteeYear(Tracked):
    """A committee's year: which vocabularies and scale it follows up with."""

    objects = CommitteeYearQuerySet.as_manager()

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="years")
    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="committee_years")
    assignment_statuses = models.ForeignKey(
        StatusVocabulary, on_delete=models.RESTRICT, related_name="+"
    )
    control_statuses = models.ForeignKey(
        StatusVocabulary, on_delete=models.RESTRICT, related_name="+"
    )
    assessment_scale = models.ForeignKey(
        AssessmentScale, on_delete=models.RESTRICT, related_name="+"
    )

    class Meta:
        verbose_name = "nämndens år"
        verbose_name_plural = "nämndernas år"
        ordering = ("year", "committee")
        constraints = [
            models.UniqueConstraint(fields=("committee", "year"), name="committee_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.committee} {self.year}"


class CommitteePeriodQuerySet(RestrictedQuerySet["CommitteePeriod"]):
    """Committees' periods, narrowed to a person's with `for_user`."""

    committee_path = "committee_year__committee"
    municipality_path = "committee_year__committee__municipality"


class CommitteePeriod(Tracked):
    """A committee's work on a period: workflow state and the committee's decision."""

    objects = CommitteePeriodQuerySet.as_manager()

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="periods"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        "läge",
        max_length=10,
        choices=[(state.value, state.value) for state in PeriodState],
        default=PeriodState.OPEN.value,
    )
    decision_date = models.DateField("beslutsdatum", null=True, blank=True)
    decision_paragraph = models.CharField("paragraf", max_length=40, blank=True)
    case_reference = models.CharField("diarienummer", max_length=60, blank=True)

    class Meta:
        verbose_name = "nämndens period"
        verbose_name_plural = "nämndernas perioder"
        ordering = ("committee_year", "period")
        constraints = [
            models.UniqueConstraint(
                fields=("committee_year", "period"), name="committee_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_year.committee} {self.period}"
