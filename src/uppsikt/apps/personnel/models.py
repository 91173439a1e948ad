"""Personnel series of a committee's year: headcount, turnover and sick leave."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.tracking import Tracked
from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import SickLeaveBasis, SickLeaveLength


class Headcount(Tracked):
    """The number of employees at a date (of everyone, or of one gender)."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="headcounts"
    )
    date = models.DateField("datum")
    count = models.PositiveIntegerField("antal anställda")
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    gender = models.CharField(
        "kön",
        max_length=1,
        choices=[(item.value, item.value) for item in Gender],
        default=Gender.TOTAL.value,
    )

    class Meta:
        verbose_name = "antal anställda"
        verbose_name_plural = "antal anställda"
        ordering = ("committee_year", "pk")


class Turnover(Tracked):
    """Staff turnover over the twelve months ending at a date (of everyone, or of one gender)."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="turnovers"
    )
    date = models.DateField("datum")
    percent = models.DecimalField("personalomsättning, %", max_digits=9, decimal_places=4)
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    gender = models.CharField(
        "kön",
        max_length=1,
        choices=[(item.value, item.value) for item in Gender],
        default=Gender.TOTAL.value,
    )

    class Meta:
        verbose_name = "personalomsättning"
        verbose_name_plural = "personalomsättning"
        ordering = ("committee_year", "pk")


class SickLeave(Tracked):
    """Sick leave in percent for a month, gender, length and basis."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="sick_leave"
    )
    month = models.DateField("månad")
    percent = models.DecimalField("sjukfrånvaro, %", max_digits=9, decimal_places=4)
    gender = models.CharField(
        "kön", max_length=1, choices=[(item.value, item.value) for item in Gender]
    )
    length = models.CharField(
        "längd", max_length=10, choices=[(item.value, item.value) for item in SickLeaveLength]
    )
    basis = models.CharField(
        "underlag", max_length=12, choices=[(item.value, item.value) for item in SickLeaveBasis]
    )

    class Meta:
        verbose_name = "sjukfrånvaro"
        verbose_name_plural = "sjukfrånvaro"
        ordering = ("committee_year", "pk")
