"""Live figures of goals, assignments and internal control: counts by outcome and status."""

from __future__ import annotations

from collections.abc import Iterable

from uppsikt.domain.assignments import FollowedUp, Origin, statuses_in
from uppsikt.domain.figures.context import FigureContext
from uppsikt.domain.indicators import Attainment
from uppsikt.domain.narratives import Figure
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.vocabularies import StatusVocabulary, count_outcomes


def _outcome_figures(
    prefix: str,
    noun: str,
    items: Iterable[FollowedUp],
    vocabulary: StatusVocabulary,
    period: PeriodKey,
) -> dict[str, Figure]:
    codes = statuses_in(items, period)
    counts = count_outcomes(vocabulary, codes)
    figures = {
        f"{prefix}.total": Figure(counts.total, f"antal {noun}"),
        f"{prefix}.done": Figure(counts.done, f"{noun} som är klara"),
        f"{prefix}.expected_done": Figure(
            counts.expected_done, f"{noun} som väntas bli klara i år (ej redan klara)"
        ),
        f"{prefix}.done_this_year": Figure(
            counts.done_this_year, f"{noun} som är eller blir klara i år"
        ),
        f"{prefix}.not_done_this_year": Figure(counts.not_done, f"{noun} som inte blir klara i år"),
        f"{prefix}.missing_status": Figure(counts.missing, f"{noun} som saknar status"),
    }
    for status in vocabulary.statuses:
        figures[f"{prefix}.status.{status.code}"] = Figure(
            codes.count(status.code), f"{noun} med status ”{status.label}”"
        )
    return figures


def period_figures(context: FigureContext) -> dict[str, Figure]:
    """The period itself: its year and closing date."""
    period = context.period
    return {
        "period.year": Figure(str(period.key.year), "periodens år"),
        "period.closing_date": Figure(period.closing_date, "periodens slutdatum"),
        "period.name": Figure(period.title, "periodens namn"),
    }


def goal_figures(context: FigureContext) -> dict[str, Figure]:
    """Counts of goals and indicators and how the indicators meet their milestones."""
    goals = context.committee.goals
    indicators = context.committee.indicators
    results = [indicator.milestone_attainment() for indicator in indicators]
    return {
        "goals.total": Figure(len(goals), "antal nämndmål"),
        "goals.indicators.total": Figure(len(indicators), "antal indikatorer"),
        "goals.indicators.met": Figure(
            results.count(Attainment.MET), "indikatorer som når sitt etappmål"
        ),
        "goals.indicators.not_met": Figure(
            results.count(Attainment.NOT_MET), "indikatorer som inte når sitt etappmål"
        ),
        "goals.indicators.no_value": Figure(
            results.count(Attainment.NO_VALUE), "indikatorer som saknar utfall för etappmålets år"
        ),
    }


def assignment_figures(context: FigureContext) -> dict[str, Figure]:
    """Counts of assignments by outcome, by status and by origin."""
    assignments = context.committee.assignments
    figures = _outcome_figures(
        "assignments", "uppdrag", assignments, context.assignment_statuses, context.period.key
    )
    for origin in Origin:
        figures[f"assignments.origin.{origin.value}"] = Figure(
            sum(1 for item in assignments if item.origin is origin),
            f"uppdrag med ursprung ”{origin.label.lower()}”",
        )
    return figures


def internal_control_figures(context: FigureContext) -> dict[str, Figure]:
    """Counts of risks, risk actions, audit actions and controls, by outcome and status."""
    plan = context.committee.internal_control
    vocabulary, period = context.control_statuses, context.period.key
    return {
        "internal_control.processes.total": Figure(len(plan.processes), "antal processer"),
        "internal_control.risks.total": Figure(len(plan.risks), "antal risker"),
        "internal_control.audit_findings.total": Figure(
            len(plan.audit_findings), "antal granskningar"
        ),
        **_outcome_figures(
            "internal_control.risk_actions", "riskåtgärder", plan.risk_actions, vocabulary, period
        ),
        **_outcome_figures(
            "internal_control.audit_actions",
            "åtgärder efter granskning",
            plan.audit_actions,
            vocabulary,
            period,
        ),
        **_outcome_figures(
            "internal_control.controls",
            "systematiska kontroller",
            plan.controls,
            vocabulary,
            period,
        ),
    }
