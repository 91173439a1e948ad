"""Live figures of personnel: headcount, turnover and sick leave, now and a year earlier."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from uppsikt.domain.figures.context import FigureContext
from uppsikt.domain.formatting import format_month
from uppsikt.domain.indicators import Gender
from uppsikt.domain.narratives import Figure
from uppsikt.domain.personnel import (
    SickLeaveBasis,
    SickLeaveLength,
    latest_on_or_before,
    latest_sick_leave_month,
    one_year_earlier,
    sick_leave_value,
)


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
