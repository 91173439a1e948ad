"""Assessing a committee goal for a period: the committee's controller, while it is open.

A goal belongs to the committee as a whole, not to a unit, so its assessment is the
controller's work (and an administrator's), not a unit reporter's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from uppsikt.apps.goals.models import CommitteeGoal, GoalAssessment
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import controls, require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import save_or_create_if_current
from uppsikt.apps.vocabularies.models import AssessmentLevel


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
