"""Perspectives, council goals, committee goals and their assessment per period."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.domain.indicators import Attainment, Indicator
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.vocabularies import AssessmentLevel, AssessmentScale

GoalCode = str


@dataclass(frozen=True, slots=True)
class CouncilGoal:
    """A goal set by the council (KF-mål) under a perspective."""

    code: GoalCode
    name: str


@dataclass(frozen=True, slots=True)
class Perspective:
    """A perspective of the council's goal structure, holding its council goals."""

    code: str
    name: str
    council_goals: tuple[CouncilGoal, ...] = ()


@dataclass(frozen=True, slots=True)
class GoalAssessment:
    """A committee's assessment of a goal for a period; `level` None means not assessed."""

    period: PeriodKey
    level: str | None = None
    comment: str = ""


@dataclass(frozen=True, slots=True)
class CommitteeGoal:
    """A committee's goal (nämndmål) under a council goal, with its indicators."""

    code: GoalCode
    name: str
    council_goal: GoalCode
    indicators: tuple[Indicator, ...] = ()
    assessments: tuple[GoalAssessment, ...] = ()

    def assessment(self, period: PeriodKey) -> GoalAssessment | None:
        """The assessment made for `period`, if any."""
        return next((item for item in self.assessments if item.period == period), None)


def suggest_assessment(goal: CommitteeGoal, scale: AssessmentScale) -> AssessmentLevel | None:
    """Suggest a level from the share of indicators that meet their milestone.

    Indicators without a value or a milestone are left out; with none left, nothing is
    suggested. The committee may always override the suggestion.
    """
    results = [indicator.milestone_attainment() for indicator in goal.indicators]
    assessable = [result for result in results if result in {Attainment.MET, Attainment.NOT_MET}]
    met = sum(1 for result in assessable if result is Attainment.MET)
    return scale.suggest(met, len(assessable))
