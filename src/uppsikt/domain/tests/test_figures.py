from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from uppsikt.domain.assignments import Assignment, FollowUp, Origin
from uppsikt.domain.dataset import CommitteeYear
from uppsikt.domain.figures import FigureContext, figure_names, live_figures
from uppsikt.domain.indicators import Gender
from uppsikt.domain.internal_control import (
    AuditAction,
    AuditFinding,
    Control,
    InternalControl,
    Process,
    Risk,
    RiskAction,
)
from uppsikt.domain.organisation import Committee
from uppsikt.domain.periods import PeriodKey, ReportingPeriod
from uppsikt.domain.personnel import (
    Headcount,
    Personnel,
    SickLeave,
    SickLeaveBasis,
    SickLeaveLength,
    Turnover,
)
from uppsikt.domain.tests.test_vocabularies import VOCABULARY

T1 = PeriodKey.parse("2023-T1")
PERIOD = ReportingPeriod(T1, date(2023, 4, 30))


def followed(status: str | None) -> tuple[FollowUp, ...]:
    return (FollowUp(T1, status, ""),) if status else ()


def assignments(text: str) -> tuple[Assignment, ...]:
    """Lines `CODE ORIGIN STATUS` (STATUS `-` for none)."""
    rows = []
    for line in text.strip().splitlines():
        code, origin, status = line.split()
        rows.append(
            Assignment(
                code, code, Origin(origin), follow_ups=followed(status if status != "-" else None)
            )
        )
    return tuple(rows)


def context(**parts: Any) -> FigureContext:
    empty = CommitteeYear(Committee("KS", "Kommunstyrelsen"), "uppdrag", "uppdrag", "mål")
    return FigureContext(replace(empty, **parts), PERIOD, VOCABULARY, VOCABULARY)


def test_assignment_counts_follow_the_statuses() -> None:
    figures = live_figures(
        context(
            assignments=assignments(
                """
                U1 council   klart
                U2 committee blir-klart
                U3 committee troligen-klart
                U4 council   ej-klart
                U5 added     -
                """
            )
        )
    )
    values = {name: figures[name].value for name in figures if name.startswith("assignments.")}
    assert values == {
        "assignments.total": 5,
        "assignments.done": 1,
        "assignments.expected_done": 2,
        "assignments.done_this_year": 3,
        "assignments.not_done_this_year": 1,
        "assignments.missing_status": 1,
        "assignments.status.klart": 1,
        "assignments.status.blir-klart": 1,
        "assignments.status.troligen-klart": 1,
        "assignments.status.ej-klart": 1,
        "assignments.origin.council": 2,
        "assignments.origin.committee": 2,
        "assignments.origin.added": 1,
    }


def test_internal_control_counts_risk_actions_audit_actions_and_controls_apart() -> None:
    plan = InternalControl(
        processes=(Process("P1", "Upphandling"),),
        risks=(
            Risk("R1", "P1", "risk", actions=(RiskAction("A1", "a", followed("ej-klart")),)),
            Risk("R2", "P1", "risk", actions=(RiskAction("A2", "a", followed("klart")),)),
        ),
        audit_findings=(AuditFinding("G1", "granskning", actions=(AuditAction("G1-A1", "a"),)),),
        controls=(Control("K1", "P1", "k", follow_ups=followed("blir-klart")),),
    )
    figures = live_figures(context(internal_control=plan))
    assert figures["internal_control.risks.total"].value == 2
    assert figures["internal_control.risk_actions.total"].value == 2
    assert figures["internal_control.risk_actions.not_done_this_year"].value == 1
    assert figures["internal_control.audit_actions.missing_status"].value == 1
    assert figures["internal_control.controls.done_this_year"].value == 1


def test_personnel_figures_compare_with_a_year_earlier_and_missing_stays_missing() -> None:
    def sick(month: str, percent: str, gender: Gender = Gender.TOTAL) -> SickLeave:
        year, number = month.split("-")
        return SickLeave(
            date(int(year), int(number), 1),
            Decimal(percent),
            gender,
            SickLeaveLength.TOTAL,
            SickLeaveBasis.ROLLING_12,
        )

    personnel = Personnel(
        headcount=(Headcount(date(2022, 4, 30), 389), Headcount(date(2023, 4, 30), 396)),
        turnover=(
            Turnover(date(2022, 12, 31), Decimal("15.9")),
            Turnover(date(2023, 4, 30), Decimal("16.2")),
        ),
        sick_leave=(
            sick("2022-03", "5.0", Gender.WOMEN),
            sick("2023-03", "5.9", Gender.WOMEN),
            sick("2023-03", "4.2"),
            sick("2023-05", "9.9"),  # after the period's end: not used
        ),
    )
    figures = live_figures(context(personnel=personnel))
    value = {name: figure.value for name, figure in figures.items()}
    assert value["personnel.headcount.change"] == 7
    assert value["personnel.turnover.change"] == Decimal("0.3")
    assert value["personnel.sick_leave.latest_month"] == "mars 2023"
    assert value["personnel.sick_leave.rolling_12.total.women.change"] == Decimal("0.9")
    assert value["personnel.sick_leave.rolling_12.total.all.current"] == Decimal("4.2")
    assert value["personnel.sick_leave.rolling_12.total.all.previous"] is None
    assert value["personnel.sick_leave.rolling_12.total.all.change"] is None
    assert value["personnel.sick_leave.month.short.men.current"] is None


def test_every_figure_is_named_even_without_data() -> None:
    names = figure_names(VOCABULARY, VOCABULARY)
    assert names == set(live_figures(context()))
    assert {
        "assignments.total",
        "assignments.status.ej-klart",
        "personnel.headcount.change",
    } <= names
    assert all(figure.description for figure in live_figures(context()).values())
