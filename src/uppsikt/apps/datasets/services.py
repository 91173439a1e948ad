"""Load a dataset into the database, and read one back out, in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from uppsikt.apps.assignments.mapping import assignments_to_domain, save_assignments
from uppsikt.apps.economy.ledger import inputs_from_ledger
from uppsikt.apps.economy.mapping import economy_to_domain, save_economy
from uppsikt.apps.goals.mapping import (
    goals_to_domain,
    perspectives_to_domain,
    save_goals,
    save_perspectives,
)
from uppsikt.apps.goals.models import CouncilGoal
from uppsikt.apps.internal_control.mapping import (
    internal_control_to_domain,
    save_internal_control,
)
from uppsikt.apps.kept import Kept
from uppsikt.apps.narratives.mapping import narratives_to_domain, save_narratives
from uppsikt.apps.organisation.mapping import (
    committee_to_domain,
    municipality_to_domain,
    save_committee,
    save_municipality,
    units_to_domain,
)
from uppsikt.apps.organisation.models import Municipality, OrgUnit
from uppsikt.apps.periods.mapping import (
    PeriodRows,
    committee_periods_to_domain,
    period_to_domain,
    save_committee_periods,
    save_committee_year,
    save_year,
)
from uppsikt.apps.periods.models import CommitteeYear, Year
from uppsikt.apps.personnel.mapping import personnel_to_domain, save_personnel
from uppsikt.apps.reporting.mapping import reports_to_domain, save_reports
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.tracking import change_reason
from uppsikt.apps.vocabularies.mapping import (
    Configuration,
    configuration_to_domain,
    save_configuration,
)
from uppsikt.domain.dataset import CommitteeYear as DomainCommitteeYear
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.periods import PeriodKey


class DatasetConflictError(Exception):
    """The database already holds the year the dataset would write."""


@dataclass(frozen=True)
class LoadSummary:
    """What a load wrote."""

    municipality: str
    year: int
    committees: tuple[str, ...]
    replaced: bool


def load_dataset(dataset: Dataset, *, replace: bool = False, reason: str = "") -> LoadSummary:
    """Write a validated dataset; all of it or, on any error, nothing.

    A year already in the database is refused unless `replace` is given; replacing deletes the
    year's data first (the deletions stay in the history).
    """
    with transaction.atomic(), change_reason(reason or "Inläsning av dataset"):
        municipality = save_municipality(dataset.municipality)
        existing = Year.objects.filter(municipality=municipality, year=dataset.year).first()
        if existing is not None:
            if not replace:
                raise DatasetConflictError(
                    f"{municipality.name} har redan år {dataset.year} i databasen; "
                    "ange --replace för att ersätta det"
                )
            if FrozenReport.objects.filter(
                committee_period__committee_year__year=existing
            ).exists():
                raise DatasetConflictError(
                    f"{municipality.name} {dataset.year} har låsta rapporter, som aldrig tas "
                    "bort; året kan inte ersättas"
                )
            existing.delete()
        config = save_configuration(
            municipality,
            dataset.status_vocabularies,
            dataset.assessment_scales,
            dataset.risk_matrix,
        )
        year, periods = save_year(municipality, dataset.year, dataset.periods)
        council_goals = save_perspectives(year, dataset.perspectives)
        for position, item in enumerate(dataset.committees):
            committee, units = save_committee(municipality, item.committee, item.units, position)
            committee_year = save_committee_year(
                committee,
                year,
                item.assignment_statuses,
                item.control_statuses,
                item.assessment_scale,
                config,
            )
            save_committee_content(
                committee_year,
                item,
                council_goals=council_goals,
                units=units,
                periods=periods,
                config=config,
            )
    return LoadSummary(
        municipality.name,
        dataset.year,
        tuple(item.committee.code for item in dataset.committees),
        replaced=existing is not None,
    )


def committee_year_to_domain(row: CommitteeYear) -> DomainCommitteeYear:
    """One committee's year as a domain record."""
    return DomainCommitteeYear(
        committee=committee_to_domain(row.committee),
        assignment_statuses=row.assignment_statuses.code,
        control_statuses=row.control_statuses.code,
        assessment_scale=row.assessment_scale.code,
        units=units_to_domain(row.committee),
        periods=committee_periods_to_domain(row),
        goals=goals_to_domain(row),
        assignments=assignments_to_domain(row),
        internal_control=internal_control_to_domain(row),
        personnel=personnel_to_domain(row),
        narratives=narratives_to_domain(row),
        economy=economy_to_domain(row),
        reports=reports_to_domain(row),
    )


def save_committee_content(
    committee_year: CommitteeYear,
    item: DomainCommitteeYear,
    *,
    council_goals: dict[str, CouncilGoal],
    units: dict[str, OrgUnit],
    periods: PeriodRows,
    config: Configuration,
) -> None:
    """Write a committee's year into its new row, each part with its follow-ups.

    The periods, goals, assignments, internal control, personnel, texts, economy and report
    structure: as a load writes them, and as the next year starts from the last.
    """
    save_committee_periods(committee_year, item.periods, periods)
    goals = save_goals(
        committee_year, item.goals, item.assessment_scale, council_goals, periods, config
    )
    save_assignments(
        committee_year, item.assignments, item.assignment_statuses, goals, units, periods, config
    )
    save_internal_control(
        committee_year, item.internal_control, item.control_statuses, periods, config
    )
    save_personnel(committee_year, item.personnel, units)
    save_narratives(committee_year, item.narratives, periods)
    save_economy(committee_year, item.economy, periods)
    save_reports(committee_year, item.reports, periods)


def committee_context(year: Year, committee: str, period: PeriodKey) -> FigureContext:
    """A committee's period as the domain sees it, with what the ledger gives its tables."""
    return context_of(dataset_from_db(year, (committee,)), year, committee, period)


def context_of(dataset: Dataset, year: Year, committee: str, period: PeriodKey) -> FigureContext:
    """The figure context of a committee's period of a dataset read from `year`."""
    committee_year = year.committee_years.get(committee__code=committee)
    closing = dataset.period(period).closing_date
    return FigureContext.of(dataset, committee, period, inputs_from_ledger(committee_year, closing))


# The datasets read last: a page that builds on a committee's year reads it once while nothing
# changes (see `apps.kept`).
_datasets: Kept[tuple[int, tuple[str, ...]], Dataset] = Kept(8)


def dataset_from_db(year: Year, committees: tuple[str, ...] = ()) -> Dataset:
    """A year of a municipality as a dataset; only the given committees when some are named.

    The same (immutable) dataset comes back while the data is unchanged (`apps.kept`).
    """
    return _datasets.get((year.pk, committees), lambda: _read_dataset(year, committees))


def _read_dataset(year: Year, committees: tuple[str, ...]) -> Dataset:
    municipality: Municipality = year.municipality
    vocabularies, scales, matrix = configuration_to_domain(municipality)
    rows = year.committee_years.select_related(
        "committee", "assignment_statuses", "control_statuses", "assessment_scale"
    ).order_by("committee__position", "committee__pk")
    if committees:
        rows = rows.filter(committee__code__in=committees)
    return Dataset(
        municipality=municipality_to_domain(municipality),
        year=year.year,
        status_vocabularies=vocabularies,
        assessment_scales=scales,
        periods=tuple(period_to_domain(row) for row in year.periods.all()),
        risk_matrix=matrix,
        perspectives=perspectives_to_domain(year),
        committees=tuple(committee_year_to_domain(row) for row in rows),
    )
