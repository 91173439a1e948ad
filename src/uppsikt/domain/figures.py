"""Live figures: every number a narrative may cite, computed from the data.

Each provider turns a `FigureContext` into named figures. A provider names every figure it
can give even when the data lacks it (the value is then None), so the catalogue of
available figures is known without data. Later areas (the economy) add providers here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from uppsikt.domain.assignments import FollowedUp, Origin, statuses_in
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.formatting import format_month
from uppsikt.domain.indicators import Attainment, Gender
from uppsikt.domain.narratives import Figure
from uppsikt.domain.organisation import Committee
from uppsikt.domain.periods import PeriodKey, PeriodKind, ReportingPeriod
from uppsikt.domain.personnel import (
    SickLeaveBasis,
    SickLeaveLength,
    latest_on_or_before,
    latest_sick_leave_month,
    one_year_earlier,
    sick_leave_value,
)
from uppsikt.domain.vocabularies import StatusVocabulary, count_outcomes


@dataclass(frozen=True, slots=True)
class FigureContext:
    """What a live figure is computed from: one committee, one period, its vocabularies."""

    committee: CommitteeYear
    period: ReportingPeriod
    assignment_statuses: StatusVocabulary
    control_statuses: StatusVocabulary

    @classmethod
    def of(cls, dataset: Dataset, committee: str, period: PeriodKey) -> FigureContext:
        """The context for a committee and period of a dataset."""
        year = dataset.committee(committee)
        return cls(
            committee=year,
            period=dataset.period(period),
            assignment_statuses=dataset.vocabulary(year.assignment_statuses),
            control_statuses=dataset.vocabulary(year.control_statuses),
        )


Provider = Callable[[FigureContext], Mapping[str, Figure]]


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


def _change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | int | None:
    if current is None or previous is None:
        return None
    return current - previous


def _percent_figure(value: Decimal | int | None, description: str) -> Figure:
    """A percent or percentage-point figure, shown with one decimal as HR reports do."""
    return Figure(value, description, decimals=1)


GENDER_NAMES = {Gender.TOTAL: "all", Gender.WOMEN: "women", Gender.MEN: "men"}
GENDER_WORDS = {Gender.TOTAL: "totalt", Gender.WOMEN: "kvinnor", Gender.MEN: "män"}
LENGTH_WORDS = {
    SickLeaveLength.TOTAL: "total",
    SickLeaveLength.SHORT: "1–14 dagar",
    SickLeaveLength.OVER_14: "över 14 dagar",
    SickLeaveLength.LONG: "över 180 dagar",
}
BASIS_WORDS = {SickLeaveBasis.MONTH: "månaden", SickLeaveBasis.ROLLING_12: "rullande 12 månader"}


def personnel_figures(context: FigureContext) -> dict[str, Figure]:
    """Headcount, turnover and sick leave now and a year earlier, and their change."""
    personnel = context.committee.personnel
    closing = context.period.closing_date
    year_ago = one_year_earlier(closing)

    now = latest_on_or_before(personnel.headcount, closing)
    before = latest_on_or_before(personnel.headcount, year_ago)
    current = now.count if now else None
    previous = before.count if before else None
    figures: dict[str, Figure] = {
        "personnel.headcount.current": Figure(current, "antal anställda vid periodens slut"),
        "personnel.headcount.previous": Figure(previous, "antal anställda ett år tidigare"),
        "personnel.headcount.change": Figure(
            _change(current, previous), "förändring av antal anställda på ett år"
        ),
    }

    turnover_now = latest_on_or_before(personnel.turnover, closing)
    turnover_before = latest_on_or_before(personnel.turnover, date(closing.year - 1, 12, 31))
    now_pct = turnover_now.percent if turnover_now else None
    before_pct = turnover_before.percent if turnover_before else None
    figures["personnel.turnover.current"] = _percent_figure(
        now_pct, "personalomsättning rullande 12 månader, %"
    )
    figures["personnel.turnover.previous_year_end"] = _percent_figure(
        before_pct, "personalomsättning vid föregående årsskifte, %"
    )
    figures["personnel.turnover.change"] = _percent_figure(
        _change(now_pct, before_pct), "förändring av personalomsättningen, procentenheter"
    )

    month = latest_sick_leave_month(personnel.sick_leave, closing)
    figures["personnel.sick_leave.latest_month"] = Figure(
        format_month(month) if month else None, "senaste månad med sjukfrånvaro"
    )
    for basis in SickLeaveBasis:
        for length in SickLeaveLength:
            for gender in Gender:
                name = f"personnel.sick_leave.{basis.value}.{length.value}.{GENDER_NAMES[gender]}"
                what = f"sjukfrånvaro {LENGTH_WORDS[length]}, {GENDER_WORDS[gender]}, {BASIS_WORDS[basis]}"
                value_now = value_before = None
                if month is not None:
                    value_now = sick_leave_value(personnel.sick_leave, month, gender, length, basis)
                    value_before = sick_leave_value(
                        personnel.sick_leave, one_year_earlier(month), gender, length, basis
                    )
                figures[f"{name}.current"] = _percent_figure(value_now, f"{what}, senaste månad, %")
                figures[f"{name}.previous"] = _percent_figure(
                    value_before, f"{what}, samma månad året innan, %"
                )
                figures[f"{name}.change"] = _percent_figure(
                    _change(value_now, value_before), f"{what}, förändring, procentenheter"
                )
    return figures


PROVIDERS: list[Provider] = [
    period_figures,
    goal_figures,
    assignment_figures,
    internal_control_figures,
    personnel_figures,
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
    assignment_statuses: StatusVocabulary, control_statuses: StatusVocabulary
) -> frozenset[str]:
    """Every live-figure name a committee with these vocabularies offers, data or not."""
    empty = CommitteeYear(
        Committee("", ""), assignment_statuses.code, control_statuses.code, assessment_scale=""
    )
    period = ReportingPeriod(PeriodKey(2000, PeriodKind.ANNUAL), date(2000, 12, 31))
    context = FigureContext(empty, period, assignment_statuses, control_statuses)
    return frozenset(live_figures(context))
