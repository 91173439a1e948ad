"""Live figures: every number a narrative may cite, computed from the data.

Each provider turns a `FigureContext` into named figures. A provider names every figure it
can give even when the data lacks it (the value is then None), so the names available are known
without data: from the committee's vocabularies and the structure of its tables.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from uppsikt.domain.dataset import CommitteeYear
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.figures.context import FigureContext, Provider
from uppsikt.domain.figures.economy import economy_figures
from uppsikt.domain.figures.followup import (
    assignment_figures,
    goal_figures,
    internal_control_figures,
    period_figures,
)
from uppsikt.domain.figures.personnel import personnel_figures
from uppsikt.domain.narratives import Figure
from uppsikt.domain.organisation import Committee
from uppsikt.domain.periods import PeriodKey, PeriodKind, ReportingPeriod
from uppsikt.domain.vocabularies import StatusVocabulary

__all__ = ["PROVIDERS", "FigureContext", "Provider", "figure_names", "live_figures"]

PROVIDERS: list[Provider] = [
    period_figures,
    goal_figures,
    assignment_figures,
    internal_control_figures,
    personnel_figures,
    economy_figures,
]


def live_figures(
    context: FigureContext, providers: Iterable[Provider] = PROVIDERS
) -> dict[str, Figure]:
    """Every live figure for a committee and period."""
    figures: dict[str, Figure] = {}
    for provider in providers:
        figures.update(provider(context))
    return figures


def figure_names(
    assignment_statuses: StatusVocabulary,
    control_statuses: StatusVocabulary,
    economy: Economy | None = None,
) -> frozenset[str]:
    """Every live-figure name a committee with these vocabularies and tables offers."""
    empty = CommitteeYear(
        Committee("", ""),
        assignment_statuses.code,
        control_statuses.code,
        assessment_scale="",
        economy=economy or Economy(),
    )
    period = ReportingPeriod(PeriodKey(2000, PeriodKind.ANNUAL), date(2000, 12, 31))
    context = FigureContext(empty, period, assignment_statuses, control_statuses)
    return frozenset(live_figures(context))
