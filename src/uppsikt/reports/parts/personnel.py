"""Personnel parts: headcount now and a year earlier, and sick leave as charts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from uppsikt.domain.formatting import MONTHS, format_number
from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import (
    SickLeaveBasis,
    SickLeaveLength,
    latest_on_or_before,
    one_year_earlier,
    sick_leave_value,
)
from uppsikt.reports.document import Chart, ChartKind, Figure, Series, Table, TableRow
from uppsikt.reports.parts.common import ReportInput, number, text

GENDERS = {Gender.TOTAL: "Totalt", Gender.WOMEN: "Kvinnor", Gender.MEN: "Män"}
LENGTHS = {
    SickLeaveLength.TOTAL: "total",
    SickLeaveLength.SHORT: "1–14 dagar",
    SickLeaveLength.OVER_14: "över 14 dagar",
    SickLeaveLength.LONG: "över 180 dagar",
}


def _month(day: date) -> str:
    return f"{MONTHS[day.month - 1][:3]}-{day.year % 100:02d}"


def headcount_table(source: ReportInput) -> Table | None:
    """Employees at the period's end, a year earlier, and the difference."""
    closing = source.context.period.closing_date
    series = source.committee.personnel.headcount
    now = latest_on_or_before(series, closing)
    before = latest_on_or_before(series, one_year_earlier(closing))
    if now is None:
        return None
    header = [text(""), *([text(_month(before.date))] if before else []), text(_month(now.date))]
    cells = [
        text("Antal anställda"),
        *([number(str(before.count))] if before else []),
        number(str(now.count)),
    ]
    if before:
        header.append(text("Skillnad"))
        cells.append(number(format_number(now.count - before.count)))
    return Table(
        "antal-anstallda",
        "Antal anställda",
        (tuple(header),),
        (TableRow(tuple(cells)),),
        (40, 20, 20, 20),
    )


def _percent(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, 1)


def sick_leave_charts(source: ReportInput) -> list[Figure]:
    """A line chart per basis that has data: month by month, and rolling twelve months."""
    closing = source.context.period.closing_date
    data = [item for item in source.committee.personnel.sick_leave if item.month <= closing]
    figures = []
    for basis, title in (
        (SickLeaveBasis.ROLLING_12, "Sjukfrånvaro rullande 12 månader"),
        (SickLeaveBasis.MONTH, "Sjukfrånvaro per månad"),
    ):
        points = [item for item in data if item.basis is basis]
        if not points:
            continue
        months = sorted({item.month for item in points})
        kinds = sorted(
            {(item.length, item.gender) for item in points},
            key=lambda pair: (list(SickLeaveLength).index(pair[0]), list(Gender).index(pair[1])),
        )
        series = tuple(
            Series(
                GENDERS[gender]
                if length is SickLeaveLength.TOTAL
                else f"{GENDERS[gender]}, {LENGTHS[length]}",
                tuple(
                    float(value)
                    if (value := sick_leave_value(points, month, gender, length, basis)) is not None
                    else None
                    for month in months
                ),
            )
            for length, gender in kinds
        )
        categories = tuple(_month(month) for month in months)
        described = "; ".join(
            f"{item.name} "
            + ", ".join(
                f"{c} {_percent(Decimal(str(v)))}"
                for c, v in zip(categories, item.values, strict=True)
                if v is not None
            )
            for item in series
        )
        alt = f"Linjediagram: {title.lower()} i procent, {categories[0]} till {categories[-1]}. {described} procent."
        table = Table(
            f"diagramdata-{basis.value}",
            f"Data för diagrammet: {title.lower()}, procent",
            ((text("Serie"), *(text(c) for c in categories)),),
            tuple(
                TableRow(
                    (
                        text(item.name),
                        *(
                            number(_percent(Decimal(str(v))) if v is not None else "")
                            for v in item.values
                        ),
                    )
                )
                for item in series
            ),
        )
        figures.append(
            Figure(
                f"diagram-{basis.value}",
                Chart(ChartKind.LINE, categories, series, "procent"),
                alt,
                title,
                table,
            )
        )
    return figures
