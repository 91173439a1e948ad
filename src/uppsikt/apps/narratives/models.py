"""Narrative sections per committee and period."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Ordered

# Shown in the history as words: "Läge: Utkast → Klar".
DRAFT_CHOICES = [(True, "Utkast"), (False, "Klar")]


class NarrativeQuerySet(RestrictedQuerySet["Narrative"]):
    """Text sections, narrowed with `for_user`: texts are the committee's, not a unit's."""

    committee_path = "committee_year__committee"
    municipality_path = "committee_year__committee__municipality"


class Narrative(Ordered):
    """A text section with live figures; `parent` makes the tree of sections."""

    objects = NarrativeQuerySet.as_manager()

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="narratives"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField("nyckel", max_length=100)
    title = models.CharField("rubrik", max_length=300)
    body = models.TextField("text", blank=True)
    draft = models.BooleanField(
        "läge",
        default=False,
        choices=DRAFT_CHOICES,
        help_text="Ett utkast är inte klarmarkerat för rapporten.",
    )

    class Meta(Ordered.Meta):
        verbose_name = "textavsnitt"
        verbose_name_plural = "textavsnitt"
        constraints = [
            models.UniqueConstraint(
                fields=("committee_year", "period", "key"), name="narrative_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title
