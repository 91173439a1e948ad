"""Mapping between personnel models and domain records."""

from __future__ import annotations

from uppsikt.apps.numbers import from_db_required
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.personnel import models
from uppsikt.domain import indicators
from uppsikt.domain import personnel as domain


def save_personnel(
    committee_year: CommitteeYear, item: domain.Personnel, units: dict[str, OrgUnit]
) -> None:
    """Create the committee's personnel series."""
    for headcount in item.headcount:
        models.Headcount.objects.create(
            committee_year=committee_year,
            date=headcount.date,
            count=headcount.count,
            unit=units[headcount.unit] if headcount.unit else None,
            gender=headcount.gender.value,
        )
    for turnover in item.turnover:
        models.Turnover.objects.create(
            committee_year=committee_year,
            date=turnover.date,
            percent=turnover.percent,
            unit=units[turnover.unit] if turnover.unit else None,
            gender=turnover.gender.value,
        )
    for entry in item.sick_leave:
        models.SickLeave.objects.create(
            committee_year=committee_year,
            month=entry.month,
            percent=entry.percent,
            gender=entry.gender.value,
            length=entry.length.value,
            basis=entry.basis.value,
        )


def personnel_to_domain(committee_year: CommitteeYear) -> domain.Personnel:
    """The committee's personnel series."""
    return domain.Personnel(
        headcount=tuple(
            domain.Headcount(
                row.date,
                row.count,
                row.unit.code if row.unit else None,
                indicators.Gender(row.gender),
            )
            for row in committee_year.headcounts.select_related("unit")
        ),
        turnover=tuple(
            domain.Turnover(
                row.date,
                from_db_required(row.percent),
                row.unit.code if row.unit else None,
                indicators.Gender(row.gender),
            )
            for row in committee_year.turnovers.select_related("unit")
        ),
        sick_leave=tuple(
            domain.SickLeave(
                row.month,
                from_db_required(row.percent),
                indicators.Gender(row.gender),
                domain.SickLeaveLength(row.length),
                domain.SickLeaveBasis(row.basis),
            )
            for row in committee_year.sick_leave.all()
        ),
    )
