"""Perspectives, council goals, committee goals, indicators and their values."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod, Year
from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Ordered, Tracked
from uppsikt.apps.vocabularies.models import AssessmentLevel
from uppsikt.domain.indicators import Comparator, Gender, Polarity, SourceKind

COMPARATORS = [(item.value, item.symbol) for item in Comparator]


class Perspective(Ordered):
    """A perspective of the council's goal structure for a year."""

    year = models.ForeignKey(Year, on_delete=models.CASCADE, related_name="perspectives")
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=300)

    class Meta(Ordered.Meta):
        verbose_name = "perspektiv"
        verbose_name_plural = "perspektiv"
        constraints = [
            models.UniqueConstraint(fields=("year", "code"), name="perspective_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CouncilGoal(Ordered):
    """A goal set by the council (KF-mål)."""

    perspective = models.ForeignKey(
        Perspective, on_delete=models.CASCADE, related_name="council_goals"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=300)

    class Meta(Ordered.Meta):
        verbose_name = "KF-mål"
        verbose_name_plural = "KF-mål"

    def __str__(self) -> str:
        return self.name


class CommitteeGoalQuerySet(RestrictedQuerySet["CommitteeGoal"]):
    """Committee goals, narrowed with `for_user`; a goal belongs to the committee, not a unit."""

    committee_path = "committee_year__committee"
    municipality_path = "committee_year__committee__municipality"


class CommitteeGoal(Ordered):
    """A committee's goal (nämndmål) under a council goal."""

    objects = CommitteeGoalQuerySet.as_manager()

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="goals", verbose_name="nämndens år"
    )
    council_goal = models.ForeignKey(
        CouncilGoal,
        on_delete=models.RESTRICT,
        related_name="committee_goals",
        verbose_name="KF-mål",
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=300)

    class Meta(Ordered.Meta):
        verbose_name = "nämndmål"
        verbose_name_plural = "nämndmål"
        constraints = [
            models.UniqueConstraint(fields=("committee_year", "code"), name="goal_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class GoalAssessment(Tracked):
    """The committee's assessment of a goal for a period."""

    goal = models.ForeignKey(
        CommitteeGoal, on_delete=models.CASCADE, related_name="assessments", verbose_name="nämndmål"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="+", verbose_name="period"
    )
    level = models.ForeignKey(
        AssessmentLevel,
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name="bedömning",
    )
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        verbose_name = "målbedömning"
        ordering = ("pk",)
        verbose_name_plural = "målbedömningar"
        constraints = [models.UniqueConstraint(fields=("goal", "period"), name="assessment_unique")]


class Indicator(Ordered):
    """An indicator of a committee goal, with its two targets."""

    goal = models.ForeignKey(
        CommitteeGoal, on_delete=models.CASCADE, related_name="indicators", verbose_name="nämndmål"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=300)
    unit = models.CharField("enhet", max_length=40)
    decimals = models.PositiveSmallIntegerField("decimaler", default=0)
    polarity = models.CharField(
        "riktning", max_length=10, choices=[(item.value, item.value) for item in Polarity]
    )
    source_kind = models.CharField(
        "källa",
        max_length=10,
        choices=[(item.value, item.value) for item in SourceKind],
        default=SourceKind.MANUAL.value,
    )
    source_reference = models.CharField("källans id", max_length=100, blank=True)

    milestone_comparator = models.CharField(
        "etappmål, jämförelse", max_length=2, choices=COMPARATORS, blank=True
    )
    milestone_value = models.DecimalField(
        "etappmål, värde", null=True, blank=True, max_digits=24, decimal_places=6
    )
    milestone_year = models.PositiveIntegerField("etappmål, år", null=True, blank=True)
    milestone_note = models.CharField("etappmål, notering", max_length=60, blank=True)
    long_term_comparator = models.CharField(
        "målvärde, jämförelse", max_length=2, choices=COMPARATORS, blank=True
    )
    long_term_value = models.DecimalField(
        "målvärde, värde", null=True, blank=True, max_digits=24, decimal_places=6
    )
    long_term_year = models.PositiveIntegerField("målvärde, år", null=True, blank=True)
    long_term_note = models.CharField("målvärde, notering", max_length=60, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"

    def __str__(self) -> str:
        return self.name


class IndicatorValue(Tracked):
    """An indicator's value for a year and gender; NULL means published without a value."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name="indikator"
    )
    year = models.PositiveIntegerField("år")
    gender = models.CharField(
        "kön",
        max_length=1,
        choices=[(item.value, item.value) for item in Gender],
        default=Gender.TOTAL.value,
    )
    value = models.DecimalField("värde", null=True, blank=True, max_digits=24, decimal_places=6)
    source = models.CharField("källa", max_length=100, blank=True)  # e.g. "Kolada"; "" typed
    fetched = models.DateField("hämtad", null=True, blank=True)  # when taken from the source

    class Meta:
        verbose_name = "indikatorvärde"
        verbose_name_plural = "indikatorvärden"
        ordering = ("indicator", "year", "gender")
        constraints = [
            models.UniqueConstraint(
                fields=("indicator", "year", "gender"), name="indicator_value_unique"
            )
        ]


class IndicatorComment(Tracked):
    """A comment on an indicator for a period."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comments")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    text = models.TextField("kommentar")

    class Meta:
        verbose_name = "indikatorkommentar"
        ordering = ("pk",)
        verbose_name_plural = "indikatorkommentarer"
        constraints = [
            models.UniqueConstraint(fields=("indicator", "period"), name="indicator_comment_unique")
        ]
