"""A committee goal as a person may see it: where it stands in a period, and its history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from uppsikt.apps.display import IndicatorRow, StatusCell, indicator_row
from uppsikt.apps.goals import models
from uppsikt.apps.goals.mapping import GOAL_RELATIONS, goal_to_domain
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import Change, changes
from uppsikt.apps.vocabularies.mapping import scale_to_domain, vocabulary_to_domain
from uppsikt.domain.access import Action
from uppsikt.domain.goals import suggest_assessment
from uppsikt.domain.indicators import Attainment, Gender


def goal_for(user: User, committee_year: CommitteeYear, code: str) -> models.CommitteeGoal | None:
    """The committee year's goal with this code, if `user` may see it."""
    return (
        models.CommitteeGoal.objects.for_user(user, Action.VIEW)
        .filter(committee_year=committee_year, code=code)
        .select_related(
            "committee_year__committee__municipality",
            "committee_year__year",
            "committee_year__assessment_scale",
            "committee_year__assignment_statuses",
            "council_goal__perspective",
        )
        .prefetch_related(*GOAL_RELATIONS)
        .first()
    )


@dataclass(frozen=True)
class AssignmentLine:
    """An assignment that serves the goal, with its status for the period."""

    code: str
    text: str
    unit: str
    status: StatusCell


@dataclass(frozen=True)
class GoalPage:
    """What the goal's page shows for a period, beside the goal's own rows."""

    years: list[int]
    indicators: list[IndicatorRow]
    assignments: list[AssignmentLine]
    level: StatusCell
    suggestion: StatusCell | None
    met: int  # indicators with a value that meet their milestone
    assessable: int  # indicators with a value and a milestone


def goal_page(
    goal: models.CommitteeGoal, period: ReportingPeriod, assessment: models.GoalAssessment | None
) -> GoalPage:
    """The goal's indicators, assignments, assessment and suggested level for the period."""
    year = period.key.year
    years = [year - 2, year - 1, year]
    record = goal_to_domain(goal)
    scale = scale_to_domain(goal.committee_year.assessment_scale)
    suggested = suggest_assessment(record, scale)
    attained = [item.milestone_attainment() for item in record.indicators]
    level = assessment.level if assessment else None
    return GoalPage(
        years=years,
        indicators=[indicator_row(item, years, year) for item in record.indicators],
        assignments=_assignments(goal, period),
        level=StatusCell.of(scale.get(level.code) if level else None, "Ej bedömd"),
        suggestion=StatusCell.of(suggested) if suggested else None,
        met=attained.count(Attainment.MET),
        assessable=sum(item in {Attainment.MET, Attainment.NOT_MET} for item in attained),
    )


def _assignments(goal: models.CommitteeGoal, period: ReportingPeriod) -> list[AssignmentLine]:
    vocabulary = vocabulary_to_domain(goal.committee_year.assignment_statuses)
    lines = []
    for item in goal.assignments.select_related("unit").prefetch_related("follow_ups__status"):
        follow_up = next((row for row in item.follow_ups.all() if row.period_id == period.pk), None)
        status = follow_up.status if follow_up else None
        lines.append(
            AssignmentLine(
                code=item.code,
                text=item.text,
                unit=item.unit.name if item.unit else "",
                status=StatusCell.of(vocabulary.get(status.code) if status else None),
            )
        )
    return lines


GENDER_NAMES = {Gender.TOTAL: "", Gender.WOMEN: ", kvinnor", Gender.MEN: ", män"}


def _by_row(records: Iterable[Any]) -> list[list[Any]]:
    """History records grouped by the row they are of, each group in the given order."""
    rows: dict[int, list[Any]] = {}
    for record in records:
        rows.setdefault(record.id, []).append(record)
    return list(rows.values())


def history_of(goal: models.CommitteeGoal) -> list[Change]:
    """Every change to the goal, its assessments, its indicators and their values; latest first."""
    found = changes(goal.history.all(), "Nämndmålet")
    periods = {row.pk: row.key for row in goal.committee_year.year.periods.select_related("year")}
    assessments: Any = models.GoalAssessment.history  # simple_history's manager is untyped
    for records in _by_row(assessments.filter(goal_id=goal.pk)):
        found += changes(records, f"Bedömningen {periods.get(records[0].period_id, '')}".strip())
    names = {}
    for indicator in goal.indicators.all():
        names[indicator.pk] = indicator.name
        found += changes(indicator.history.all(), f"Indikatorn {indicator.name}")
    values: Any = models.IndicatorValue.history
    for records in _by_row(values.filter(indicator_id__in=names)):
        last = records[0]
        gender = GENDER_NAMES[Gender(last.gender)]
        subject = f"Värdet {last.year}{gender} för {names[last.indicator_id]}"
        found += changes(records, subject)
    found.sort(key=lambda change: change.when, reverse=True)
    return found
