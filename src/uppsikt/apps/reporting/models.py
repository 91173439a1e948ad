"""The report's structure per committee and period, and the reports frozen at the lock."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, ReportingPeriod
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


class FrozenReport(models.Model):
    """The report as it was when the period was locked: its bytes and their SHA-256, forever.

    Never edited and never deleted with the data it came from; each lock of a period adds a
    new edition (`edition` counts the locks), so a reopened and relocked period keeps both.
    """

    committee_period = models.ForeignKey(
        CommitteePeriod, on_delete=models.PROTECT, related_name="frozen_reports"
    )
    edition = models.PositiveIntegerField("utgåva")
    format = models.CharField("format", max_length=8)
    content = models.BinaryField("innehåll")
    sha256 = models.CharField("SHA-256", max_length=64)
    frozen_at = models.DateTimeField("låst")
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "låst rapport"
        verbose_name_plural = "låsta rapporter"
        ordering = ("committee_period_id", "-edition", "format")
        constraints = [
            models.UniqueConstraint(
                fields=("committee_period", "edition", "format"), name="frozen_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.committee_period} utgåva {self.edition} ({self.format})"
