"""Status vocabularies, goal-assessment scales and the risk matrix of a municipality."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.organisation.models import Municipality
from uppsikt.apps.tracking import Ordered, Tracked
from uppsikt.domain.vocabularies import Colour, StatusOutcome

COLOURS = [(colour.value, colour.value) for colour in Colour]


class StatusVocabulary(Tracked):
    """An ordered list of statuses used for follow-ups."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="status_vocabularies"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=200)

    class Meta:
        verbose_name = "statuslista"
        verbose_name_plural = "statuslistor"
        constraints = [
            models.UniqueConstraint(fields=("municipality", "code"), name="vocabulary_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Status(Ordered):
    """A status of a vocabulary, with what it means for the year."""

    vocabulary = models.ForeignKey(
        StatusVocabulary, on_delete=models.CASCADE, related_name="statuses"
    )
    code = models.CharField("kod", max_length=40)
    label = models.CharField("benämning", max_length=100)
    outcome = models.CharField(
        "betydelse", max_length=20, choices=[(item.value, item.value) for item in StatusOutcome]
    )
    symbol = models.CharField("symbol", max_length=8)
    colour = models.CharField("färg", max_length=10, choices=COLOURS, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = "status"
        verbose_name_plural = "statusar"
        constraints = [
            models.UniqueConstraint(fields=("vocabulary", "code"), name="status_code_unique")
        ]

    def __str__(self) -> str:
        return self.label


class AssessmentScale(Tracked):
    """A scale of goal-assessment levels."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="assessment_scales"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=200)

    class Meta:
        verbose_name = "bedömningsskala"
        verbose_name_plural = "bedömningsskalor"
        constraints = [
            models.UniqueConstraint(fields=("municipality", "code"), name="scale_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AssessmentLevel(Ordered):
    """A level of an assessment scale, best first."""

    scale = models.ForeignKey(AssessmentScale, on_delete=models.CASCADE, related_name="levels")
    code = models.CharField("kod", max_length=40)
    label = models.CharField("benämning", max_length=100)
    symbol = models.CharField("symbol", max_length=8)
    colour = models.CharField("färg", max_length=10, choices=COLOURS, blank=True)
    min_share = models.DecimalField(
        "lägsta andel", max_digits=7, decimal_places=6, null=True, blank=True
    )

    class Meta(Ordered.Meta):
        verbose_name = "bedömningsnivå"
        verbose_name_plural = "bedömningsnivåer"
        constraints = [models.UniqueConstraint(fields=("scale", "code"), name="level_code_unique")]

    def __str__(self) -> str:
        return self.label


class RiskMatrix(Tracked):
    """A municipality's probability × consequence matrix (one list of level names each)."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="risk_matrix"
    )
    probability = models.JSONField("sannolikhetsnivåer", default=list)
    consequence = models.JSONField("konsekvensnivåer", default=list)

    class Meta:
        verbose_name = "riskmatris"
        verbose_name_plural = "riskmatriser"


class RiskBand(Ordered):
    """A named band of risk scores."""

    matrix = models.ForeignKey(RiskMatrix, on_delete=models.CASCADE, related_name="bands")
    label = models.CharField("benämning", max_length=100)
    max_score = models.PositiveIntegerField("högsta riskvärde")

    class Meta(Ordered.Meta):
        verbose_name = "riskband"
        verbose_name_plural = "riskband"
