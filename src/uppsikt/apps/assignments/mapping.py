"""Mapping between assignment models and domain records."""

from __future__ import annotations

from collections.abc import Iterable

from uppsikt.apps.assignments import models
from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.goals.models import CommitteeGoal
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import assignments as domain


def follow_up_values(
    item: domain.FollowUp, vocabulary: str, periods: PeriodRows, config: Configuration
) -> dict[str, object]:
    """The column values of a follow-up row."""
    return {
        "period": periods[item.period],
        "status": config.statuses[(vocabulary, item.status)] if item.status else None,
        "comment": item.comment,
    }


def follow_ups_to_domain(rows: Iterable[FollowUpBase]) -> tuple[domain.FollowUp, ...]:
    """Follow-up rows (with period and status loaded) as domain records."""
    return tuple(
        domain.FollowUp(row.period.key, row.status.code if row.status else None, row.comment)
        for row in rows
    )


def save_assignments(
    committee_year: CommitteeYear,
    items: tuple[domain.Assignment, ...],
    vocabulary: str,
    goals: dict[str, CommitteeGoal],
    units: dict[str, OrgUnit],
    periods: PeriodRows,
    config: Configuration,
) -> None:
    """Create the committee's assignments and their follow-ups."""
    for index, item in enumerate(items):
        row = models.Assignment.objects.create(
            committee_year=committee_year,
            code=item.code,
            text=item.text,
            origin=item.origin.value,
            goal=goals[item.goal] if item.goal else None,
            unit=units[item.unit] if item.unit else None,
            position=index,
        )
        for follow_up in item.follow_ups:
            models.AssignmentFollowUp.objects.create(
                assignment=row, **follow_up_values(follow_up, vocabulary, periods, config)
            )


def assignments_to_domain(committee_year: CommitteeYear) -> tuple[domain.Assignment, ...]:
    """The committee's assignments with their follow-ups."""
    rows = committee_year.assignments.select_related("goal", "unit").prefetch_related(
        "follow_ups__period__year", "follow_ups__status"
    )
    return tuple(
        domain.Assignment(
            code=row.code,
            text=row.text,
            origin=domain.Origin(row.origin),
            goal=row.goal.code if row.goal else None,
            unit=row.unit.code if row.unit else None,
            follow_ups=follow_ups_to_domain(row.follow_ups.all()),
        )
        for row in rows
    )
