"""The abstract follow-up: a status and comment for one item in one period."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.tracking import Tracked
from uppsikt.apps.vocabularies.models import Status


class FollowUpBase(Tracked):
    """Status and comment for a period; concrete models add the item they follow up."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    status = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        abstract = True
        ordering = ("pk",)
