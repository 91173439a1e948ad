"""A committee goal's assessment and its indicators' values: the committee's controller's work.

A goal belongs to the committee as a whole, not to a unit, so its assessment and the values of
its indicators are the controller's work (and an administrator's), not a unit reporter's.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied

from uppsikt.apps.goals.models import CommitteeGoal, GoalAssessment, Indicator, IndicatorValue
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import controls, require_open, require_year_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import save_or_create_if_current
from uppsikt.apps.vocabularies.models import AssessmentLevel
from uppsikt.domain.indicators import Gender


def assess(
    user: User,
    goal: CommitteeGoal,
    period: ReportingPeriod,
    *,
    level: AssessmentLevel | None,
    comment: str,
    version: int,
) -> GoalAssessment:
    """Save the level and comment the person set, based on the assessment's `version`.

    `version` is 0 for an assessment not yet written. Raises PermissionDenied,
    PeriodClosedError, ValueError for a level outside the committee year's assessment scale, or
    StaleVersionError with the assessment as someone else has since saved it.
    """
    if not controls(user, goal.committee_year):
        raise PermissionDenied("du får inte bedöma det här målet")
    require_open(goal.committee_year, period)
    scale = goal.committee_year.assessment_scale
    if level is not None and level.scale_id != scale.pk:
        raise ValueError(f"nivån {level.label} hör inte till skalan {scale.name}")
    key = {"goal": goal, "period": period}
    return save_or_create_if_current(GoalAssessment, key, version, level=level, comment=comment)


def may_set_values(user: User, indicator: Indicator) -> bool:
    """Whether `user` may set the indicator's values (they control its committee's year)."""
    return controls(user, indicator.goal.committee_year)


def set_indicator_value(
    indicator: Indicator,
    year: int,
    gender: Gender,
    value: Decimal | None,
    *,
    version: int,
    by: User | None,
    source: str = "",
    fetched: date | None = None,
) -> IndicatorValue:
    """Save the indicator's value for a year and gender, based on the value's `version`.

    `value` None is a value published as missing. `source` and `fetched` say where it came from
    and when ("" and None for a value typed by hand). `version` is 0 for a value not yet
    written. `by` is the person saving (None: a command run on the server, trusted). Raises
    PermissionDenied, PeriodClosedError when no period of the indicator's year is open, or
    StaleVersionError with the value as someone else has since saved it.
    """
    if by is not None and not may_set_values(by, indicator):
        raise PermissionDenied("du får inte ändra indikatorns värden")
    require_year_open(indicator.goal.committee_year)
    key = {"indicator": indicator, "year": year, "gender": gender.value}
    return save_or_create_if_current(
        IndicatorValue, key, version, value=value, source=source, fetched=fetched
    )
