"""Starting a committee's next period: the period, and the copy of what it starts from.

The rules (which period may come next, what is copied) are `uppsikt.domain.next_period`'s;
this module reads the committee's year, asks them, and writes their answer in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from uppsikt.apps.datasets.services import dataset_from_db, save_committee_content
from uppsikt.apps.goals.mapping import perspectives_to_domain
from uppsikt.apps.goals.models import CouncilGoal, Perspective
from uppsikt.apps.narratives.mapping import save_narratives
from uppsikt.apps.periods.mapping import (
    PeriodRows,
    period_to_domain,
    save_committee_periods,
    save_year,
)
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, Year
from uppsikt.apps.periods.queries import controls
from uppsikt.apps.reporting.mapping import save_reports
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import change_reason
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import dataset as domain
from uppsikt.domain.goals import CommitteeGoal
from uppsikt.domain.next_period import (
    PERIOD,
    Calendar,
    NextPeriod,
    Refusal,
    choose,
    council_goals_to_add,
    plan,
    started,
    suggestions,
)
from uppsikt.domain.periods import CommitteePeriod as DomainCommitteePeriod
from uppsikt.domain.periods import PeriodKey, ReportingPeriod


class StartRefusedError(Exception):
    """The period cannot be started; nothing was written."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__(" ".join(item.message for item in refusals))
        self.refusals = refusals


@dataclass(frozen=True)
class Situation:
    """A committee's year as the domain sees it, and what decides the period after the current."""

    dataset: domain.Dataset
    committee: str
    calendar: Calendar

    @property
    def suggestions(self) -> tuple[ReportingPeriod, ...]:
        """The periods to offer, best first."""
        return suggestions(self.calendar)


def situation(committee_period: CommitteePeriod) -> Situation:
    """Where the committee's period stands among the periods of its year and the next."""
    committee_year = committee_period.committee_year
    year = committee_year.year
    code = committee_year.committee.code
    dataset = dataset_from_db(year, (code,))
    next_year = Year.objects.filter(
        municipality_id=year.municipality_id, year=year.year + 1
    ).first()
    following: tuple[ReportingPeriod, ...] = ()
    next_year_started = False
    if next_year is not None:
        following = tuple(period_to_domain(row) for row in next_year.periods.all())
        next_year_started = next_year.committee_years.filter(committee__code=code).exists()
    calendar = Calendar(
        dataset.period(committee_period.period.key),
        dataset.periods + following,
        started(dataset.committee(code)),
        next_year_started,
    )
    return Situation(dataset, code, calendar)


@dataclass(frozen=True)
class Counts:
    """How much of a committee's year there is: what the page says is carried or left."""

    goals: int
    indicators: int
    assignments: int
    processes: int
    risks: int
    risk_actions: int
    audit_findings: int
    controls: int
    tables: int

    @classmethod
    def of(cls, year: domain.CommitteeYear) -> Counts:
        """The counts of a committee's year."""
        plan_ = year.internal_control
        return cls(
            goals=len(year.goals),
            indicators=len(year.indicators),
            assignments=len(year.assignments),
            processes=len(plan_.processes),
            risks=len(plan_.risks),
            risk_actions=len(plan_.risk_actions),
            audit_findings=len(plan_.audit_findings),
            controls=len(plan_.controls),
            tables=len(year.economy.tables),
        )


@dataclass(frozen=True)
class Preview:
    """What starting a period would do, for the page to show before it is done."""

    planned: NextPeriod
    new_period: bool  # whether the municipality's period is created too
    sections: int  # the report template's sections, at every level
    texts: int  # the text sections copied as drafts, at every level
    year: Counts  # the current year's structure
    carried: Counts | None  # what the next year starts with, when the period begins one


def preview(
    found: Situation, key: PeriodKey, closing_date: date | None = None
) -> tuple[Preview | None, list[Refusal]]:
    """What starting `key` after the current period would copy, or why it cannot be started."""
    period, refused = choose(found.calendar, key, closing_date)
    if period is None:
        return None, refused
    planned = plan(found.dataset, found.committee, found.calendar, period)
    next_year = planned.next_year
    return (
        Preview(
            planned,
            new_period=found.calendar.existing(key) is None,
            sections=sum(len(top.walk()) for top in planned.template.sections),
            texts=sum(1 for top in planned.narratives for _ in top.walk()),
            year=Counts.of(found.dataset.committee(found.committee)),
            carried=Counts.of(next_year) if next_year is not None else None,
        ),
        [],
    )


def start_next_period(
    user: User, committee_period: CommitteePeriod, key: PeriodKey, closing_date: date | None = None
) -> CommitteePeriod:
    """Start the period `key` after the committee's period, open, with what it starts from.

    All of it in one transaction, every history entry giving the period started from as its
    reason. Raises PermissionDenied, or StartRefusedError (nothing written) with the reasons.
    """
    committee_year = committee_period.committee_year
    if not controls(user, committee_year):
        raise PermissionDenied("du får inte starta nästa period för nämnden")
    current = committee_period.period.key
    try:
        with transaction.atomic(), change_reason(f"Startad från {current}"):
            # Two people starting at once: the second waits here, then finds the period begun.
            CommitteeYear.objects.select_for_update().get(pk=committee_year.pk)
            found = situation(committee_period)
            period, refused = choose(found.calendar, key, closing_date)
            if period is None:
                raise StartRefusedError(refused)
            return _write(
                committee_year, plan(found.dataset, found.committee, found.calendar, period)
            )
    except IntegrityError:  # the same period started by someone else at the same moment
        raise StartRefusedError([Refusal(PERIOD, f"Någon annan startade {key} nyss.")]) from None


# The plan copies no follow-ups or goal assessments, so no status or level is ever looked up.
NO_FOLLOW_UPS = Configuration({}, {}, {}, {})


def _write(committee_year: CommitteeYear, planned: NextPeriod) -> CommitteePeriod:
    key = planned.period.key
    municipality = committee_year.committee.municipality
    year, rows = save_year(municipality, key.year, (planned.period,))
    if planned.next_year is None:
        save_committee_periods(committee_year, (DomainCommitteePeriod(key),), rows)
        save_narratives(committee_year, planned.narratives, rows)
        save_reports(committee_year, (planned.template,), rows)
        target = committee_year
    else:
        target = _save_next_year(committee_year, year, planned.next_year, rows)
    return CommitteePeriod.objects.get(committee_year=target, period=rows[key])


def _save_next_year(
    previous: CommitteeYear, year: Year, item: domain.CommitteeYear, rows: PeriodRows
) -> CommitteeYear:
    """Create the committee's next year from the plan's record of it."""
    committee = previous.committee
    committee_year = CommitteeYear.objects.create(
        committee=committee,
        year=year,
        assignment_statuses=previous.assignment_statuses,
        control_statuses=previous.control_statuses,
        assessment_scale=previous.assessment_scale,
    )
    units = {row.code: row for row in committee.units.all()}
    council_goals = _council_goals(previous.year, year, item.goals)
    save_committee_content(
        committee_year,
        item,
        council_goals=council_goals,
        units=units,
        periods=rows,
        config=NO_FOLLOW_UPS,
    )
    return committee_year


def _council_goals(
    previous: Year, year: Year, goals: tuple[CommitteeGoal, ...]
) -> dict[str, CouncilGoal]:
    """The next year's council goals by code, with those the committee's goals need added."""
    additions = council_goals_to_add(
        perspectives_to_domain(previous),
        perspectives_to_domain(year),
        {goal.council_goal for goal in goals},
    )
    for perspective in additions:
        row = year.perspectives.filter(code=perspective.code).first()
        if row is None:
            row = Perspective.objects.create(
                year=year,
                code=perspective.code,
                name=perspective.name,
                position=year.perspectives.count(),
            )
        first = row.council_goals.count()
        for index, goal in enumerate(perspective.council_goals):
            CouncilGoal.objects.create(
                perspective=row, code=goal.code, name=goal.name, position=first + index
            )
    return {row.code: row for row in CouncilGoal.objects.filter(perspective__year=year)}
