"""Mapping between year and period models and domain records."""

from __future__ import annotations

from uppsikt.apps.organisation.models import Committee, Municipality
from uppsikt.apps.periods import models
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import periods as domain

PeriodRows = dict[domain.PeriodKey, models.ReportingPeriod]


def save_year(
    municipality: Municipality, year: int, periods: tuple[domain.ReportingPeriod, ...]
) -> tuple[models.Year, PeriodRows]:
    """Create the year and its periods (or update periods of an existing year by key)."""
    year_row, _ = models.Year.objects.get_or_create(municipality=municipality, year=year)
    rows: PeriodRows = {row.key: row for row in year_row.periods.all()}
    for period in periods:
        values = {
            "name": period.name,
            "closing_date": period.closing_date,
            "comparison": str(period.comparison) if period.comparison else "",
        }
        row = rows.get(period.key)
        if row is None:
            rows[period.key] = models.ReportingPeriod.objects.create(
                year=year_row, kind=period.key.kind.value, month=period.key.month, **values
            )
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    return year_row, rows


def save_committee_year(
    committee: Committee,
    year: models.Year,
    assignment_statuses: str,
    control_statuses: str,
    assessment_scale: str,
    config: Configuration,
) -> models.CommitteeYear:
    """Create the committee's year with the vocabularies and scale it uses."""
    return models.CommitteeYear.objects.create(
        committee=committee,
        year=year,
        assignment_statuses=config.vocabularies[assignment_statuses],
        control_statuses=config.vocabularies[control_statuses],
        assessment_scale=config.scales[assessment_scale],
    )


def save_committee_periods(
    committee_year: models.CommitteeYear,
    items: tuple[domain.CommitteePeriod, ...],
    periods: PeriodRows,
) -> None:
    """Create the committee's state for each period."""
    for item in items:
        decision = item.decision
        models.CommitteePeriod.objects.create(
            committee_year=committee_year,
            period=periods[item.period],
            state=item.state.value,
            decision_date=decision.date if decision else None,
            decision_paragraph=decision.paragraph if decision else "",
            case_reference=decision.case_reference if decision else "",
        )


def period_to_domain(row: models.ReportingPeriod) -> domain.ReportingPeriod:
    """The domain record of a reporting period."""
    return domain.ReportingPeriod(
        key=row.key,
        closing_date=row.closing_date,
        name=row.name,
        comparison=domain.PeriodKey.parse(row.comparison) if row.comparison else None,
    )


def committee_periods_to_domain(
    committee_year: models.CommitteeYear,
) -> tuple[domain.CommitteePeriod, ...]:
    """The committee's state per period."""
    return tuple(
        domain.CommitteePeriod(
            row.period.key,
            domain.PeriodState(row.state),
            domain.Decision(row.decision_date, row.decision_paragraph, row.case_reference)
            if row.decision_date
            else None,
        )
        for row in committee_year.periods.select_related("period__year")
    )
