"""Mapping between goal and indicator models and domain records."""

from __future__ import annotations

from decimal import Decimal

from uppsikt.apps.goals import models
from uppsikt.apps.numbers import from_db, from_db_required
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear, Year
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import goals as domain
from uppsikt.domain import indicators


def save_perspectives(
    year: Year, perspectives: tuple[domain.Perspective, ...]
) -> dict[str, models.CouncilGoal]:
    """Create the year's perspectives and council goals; the council goals by code."""
    council_goals: dict[str, models.CouncilGoal] = {}
    for index, perspective in enumerate(perspectives):
        row = models.Perspective.objects.create(
            year=year, code=perspective.code, name=perspective.name, position=index
        )
        for goal_index, goal in enumerate(perspective.council_goals):
            council_goals[goal.code] = models.CouncilGoal.objects.create(
                perspective=row, code=goal.code, name=goal.name, position=goal_index
            )
    return council_goals


def _target_columns(prefix: str, target: indicators.Target | None) -> dict[str, object]:
    return {
        f"{prefix}_comparator": target.comparator.value if target else "",
        f"{prefix}_value": target.value if target else None,
        f"{prefix}_year": target.year if target else None,
        f"{prefix}_note": target.note if target else "",
    }


def save_goals(
    committee_year: CommitteeYear,
    goals: tuple[domain.CommitteeGoal, ...],
    scale: str,
    council_goals: dict[str, models.CouncilGoal],
    periods: PeriodRows,
    config: Configuration,
) -> dict[str, models.CommitteeGoal]:
    """Create the committee's goals with indicators and assessments; the goals by code."""
    rows: dict[str, models.CommitteeGoal] = {}
    for index, goal in enumerate(goals):
        row = models.CommitteeGoal.objects.create(
            committee_year=committee_year,
            council_goal=council_goals[goal.council_goal],
            code=goal.code,
            name=goal.name,
            position=index,
        )
        rows[goal.code] = row
        for assessment in goal.assessments:
            models.GoalAssessment.objects.create(
                goal=row,
                period=periods[assessment.period],
                level=config.levels[(scale, assessment.level)] if assessment.level else None,
                comment=assessment.comment,
            )
        for position, indicator in enumerate(goal.indicators):
            save_indicator(row, indicator, position, periods)
    return rows


def save_indicator(
    goal: models.CommitteeGoal, item: indicators.Indicator, position: int, periods: PeriodRows
) -> models.Indicator:
    """Create an indicator with its values and comments."""
    row = models.Indicator.objects.create(
        goal=goal,
        code=item.code,
        name=item.name,
        unit=item.unit,
        decimals=item.decimals,
        polarity=item.polarity.value,
        source_kind=item.source.kind.value,
        source_reference=item.source.reference,
        position=position,
        **_target_columns("milestone", item.milestone),
        **_target_columns("long_term", item.long_term),
    )
    for value in item.values:
        models.IndicatorValue.objects.create(
            indicator=row,
            year=value.year,
            gender=value.gender.value,
            value=value.value,
            source=value.source,
            fetched=value.fetched,
        )
    for comment in item.comments:
        models.IndicatorComment.objects.create(
            indicator=row, period=periods[comment.period], text=comment.text
        )
    return row


def perspectives_to_domain(year: Year) -> tuple[domain.Perspective, ...]:
    """The year's perspectives with their council goals."""
    return tuple(
        domain.Perspective(
            row.code,
            row.name,
            tuple(domain.CouncilGoal(goal.code, goal.name) for goal in row.council_goals.all()),
        )
        for row in year.perspectives.prefetch_related("council_goals")
    )


def _target(
    comparator: str, value: Decimal | None, year: int | None, note: str
) -> indicators.Target | None:
    if not comparator or value is None or year is None:
        return None
    return indicators.Target(indicators.Comparator(comparator), from_db_required(value), year, note)


def indicator_to_domain(row: models.Indicator) -> indicators.Indicator:
    """The domain record of an indicator (values and comments prefetched)."""
    return indicators.Indicator(
        code=row.code,
        name=row.name,
        unit=row.unit,
        decimals=row.decimals,
        polarity=indicators.Polarity(row.polarity),
        source=indicators.Source(indicators.SourceKind(row.source_kind), row.source_reference),
        values=indicators.canonical_order(
            indicators.IndicatorValue(
                value.year,
                from_db(value.value),
                indicators.Gender(value.gender),
                value.source,
                value.fetched,
            )
            for value in row.values.all()
        ),
        milestone=_target(
            row.milestone_comparator, row.milestone_value, row.milestone_year, row.milestone_note
        ),
        long_term=_target(
            row.long_term_comparator, row.long_term_value, row.long_term_year, row.long_term_note
        ),
        comments=tuple(
            indicators.PeriodText(comment.period.key, comment.text)
            for comment in row.comments.all()
        ),
    )


# What `goal_to_domain` reads of a goal, to prefetch with it.
GOAL_RELATIONS = (
    "indicators__values",
    "indicators__comments__period__year",
    "assessments__period__year",
    "assessments__level",
)


def goal_to_domain(row: models.CommitteeGoal) -> domain.CommitteeGoal:
    """The domain record of a goal (council goal and GOAL_RELATIONS fetched with it)."""
    return domain.CommitteeGoal(
        code=row.code,
        name=row.name,
        council_goal=row.council_goal.code,
        indicators=tuple(indicator_to_domain(item) for item in row.indicators.all()),
        assessments=tuple(
            domain.GoalAssessment(
                item.period.key, item.level.code if item.level else None, item.comment
            )
            for item in row.assessments.all()
        ),
    )


def goals_to_domain(committee_year: CommitteeYear) -> tuple[domain.CommitteeGoal, ...]:
    """The committee's goals with indicators and assessments."""
    rows = committee_year.goals.select_related("council_goal").prefetch_related(*GOAL_RELATIONS)
    return tuple(goal_to_domain(row) for row in rows)
