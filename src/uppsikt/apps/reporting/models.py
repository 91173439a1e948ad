"""The report's structure per committee and period."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.tracking import Ordered
from uppsikt.domain.report_template import Part


class ReportSection(Ordered):
    """A section of a committee's report for a period; `parent` makes the tree."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="report_sections"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField("rubrik", max_length=300, blank=True)
    narrative = models.SlugField("textavsnitt", max_length=100, blank=True)
    part = models.CharField(
        "del", max_length=20, blank=True, choices=[(item.value, item.value) for item in Part]
    )
    table = models.SlugField("tabell", max_length=60, blank=True)
    appendix = models.BooleanField("bilaga", default=False)
    part_first = models.BooleanField("delen före texten", default=False)

    class Meta(Ordered.Meta):
        verbose_name = "rapportavsnitt"
        verbose_name_plural = "rapportavsnitt"

    def __str__(self) -> str:
        return self.title or self.narrative or self.part
