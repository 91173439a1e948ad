"""Economy parts: a financial table, the budget frame, forecast against budget as a chart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from uppsikt.domain.economy.frame import BudgetFrame
from uppsikt.domain.economy.tables import ColumnKind, ComputedTable, RowKind, Span
from uppsikt.domain.formatting import format_date, format_number
from uppsikt.reports.document import (
    Cell,
    Chart,
    ChartKind,
    Figure,
    ItemList,
    Paragraph,
    Run,
    Series,
    Style,
    Table,
    TableRow,
)
from uppsikt.reports.document import (
    RowKind as ShownKind,
)
from uppsikt.reports.parts.common import ReportInput, number, text

ROW_KINDS = {
    RowKind.DATA: ShownKind.DATA,
    RowKind.LABEL: ShownKind.LABEL,
    RowKind.SUBTOTAL: ShownKind.SUBTOTAL,
    RowKind.TOTAL: ShownKind.TOTAL,
    RowKind.CHANGE: ShownKind.DATA,
}


def financial_table(source: ReportInput, key: str) -> Table:
    """A computed financial table as shown: column groups over columns, row headers first."""
    computed = source.context.tables[key]
    table = computed.table
    goals = {goal.code: goal.name for goal in source.committee.goals}
    header: list[tuple[Cell, ...]] = []
    if table.column_groups:
        groups: list[Cell] = [text("")]
        for column in table.columns:
            label = next((g.label for g in table.column_groups if g.key == column.group), "")
            if len(groups) > 1 and groups[-1].text == label:
                groups[-1] = Cell(label, span=groups[-1].span + 1)
            else:
                groups.append(Cell(label))
        header.append(tuple(groups))
    header.append((text(table.unit.value), *(text(column.label) for column in table.columns)))
    rows = []
    for placed in table.placed():
        row = placed.row
        cells = [text(row.label)]
        for column in table.columns:
            shown = computed.text(row.key, column.key)
            cells.append(
                text(goals.get(shown, shown))
                if column.kind in {ColumnKind.GOAL, ColumnKind.TEXT}
                else number(shown)
            )
        rows.append(TableRow(tuple(cells), ROW_KINDS[row.kind], placed.depth))
    label_width = 28 if len(table.columns) > 5 else 40
    widths = (label_width, *((100 - label_width) // len(table.columns),) * len(table.columns))
    return Table(
        f"tabell-{key}", f"{table.title} ({table.unit.value})", tuple(header), tuple(rows), widths
    )


def row_comments(source: ReportInput, key: str) -> list[Paragraph | ItemList]:
    """The comments written on a table's rows for the period, after the table, in row order."""
    computed = source.context.tables[key]
    if not computed.comments:
        return []
    items = tuple(
        Paragraph((Run(f"{placed.row.label}: ", Style.STRONG), Run(computed.comments[row])))
        for placed in computed.table.placed()
        if (row := placed.row.key) in computed.comments
    )
    caption = Paragraph((Run(f"Kommentarer till {computed.table.title.lower()}", Style.STRONG),))
    return [caption, ItemList(items)]


def frame_table(frame: BudgetFrame, closing: date) -> Table:
    """The budget frame: the council's parts, the adjustments decided, the adjusted frame."""

    def amount(kronor: Decimal) -> Cell:
        return number(format_number(frame.unit.rounded(kronor, frame.decimals), frame.decimals))

    rows = [
        TableRow((text(f"Kommunfullmäktiges ram: {part.text}"), text(""), amount(part.amount)))
        for part in frame.council
    ]
    for item in frame.adjustments:
        if item.decided_by(closing):
            when = format_date(item.date) if item.date else ""
            rows.append(
                TableRow((text(f"{item.body}: {item.text}"), text(when), amount(item.amount)))
            )
    rows.append(
        TableRow(
            (text("Justerad budgetram"), text(""), amount(frame.adjusted(closing).value)),
            ShownKind.TOTAL,
        )
    )
    header = ((text("Beslut"), text("Datum"), text(f"Belopp, {frame.unit.value}")),)
    return Table("budgetram", f"Budgetram ({frame.unit.value})", header, tuple(rows), (62, 20, 18))


def _net(computed: ComputedTable, row: str, column: str) -> float | None:
    """A row's amount as a net cost in mnkr (costs positive), for a chart."""
    amount = computed.amount(row, column)
    return None if amount is None else float(-amount.value / Decimal(1_000_000))


def forecast_chart(source: ReportInput, key: str) -> Figure | None:
    """Forecast against budget per top-level row of a table, as net costs in mnkr."""
    computed = source.context.tables[key]
    table = computed.table
    budget = next(
        (c for c in table.columns if c.kind is ColumnKind.BUDGET and c.span is Span.YEAR), None
    )
    forecast = next(
        (c for c in table.columns if c.kind is ColumnKind.FORECAST and not c.previous_period), None
    )
    if budget is None or forecast is None:
        return None
    rows = [row for row in table.rows if row.kind is RowKind.DATA]
    budgets = tuple(_net(computed, row.key, budget.key) for row in rows)
    forecasts = tuple(_net(computed, row.key, forecast.key) for row in rows)
    chart = Chart(
        ChartKind.BAR,
        tuple(row.label for row in rows),
        (Series("Budget", budgets), Series("Prognos", forecasts)),
        "mnkr",
    )
    shown = [
        (row.label, b, f)
        for row, b, f in zip(rows, budgets, forecasts, strict=True)
        if b is not None and f is not None
    ]
    worst = max(shown, key=lambda item: abs(item[2] - item[1]), default=None)
    summary = "; ".join(f"{label} budget {_mnkr(b)}, prognos {_mnkr(f)}" for label, b, f in shown)
    alt = (
        f"Stapeldiagram: nettokostnad enligt budget och helårsprognos per rad i {table.title.lower()}, "
        f"miljoner kronor. {summary}."
    )
    if worst is not None:
        alt += f" Störst avvikelse: {worst[0]}, {_mnkr(worst[2] - worst[1])} miljoner kronor."
    data = Table(
        f"diagramdata-{key}",
        f"Data för diagrammet: prognos mot budget ({table.title.lower()}), mnkr",
        ((text("Rad"), text("Budget"), text("Prognos")),),
        tuple(TableRow((text(label), number(_mnkr(b)), number(_mnkr(f)))) for label, b, f in shown),
        (50, 25, 25),
    )
    return Figure(
        f"diagram-{key}",
        chart,
        alt,
        f"Prognos mot budget per rad i {table.title.lower()}, nettokostnad i mnkr",
        data,
    )


def _mnkr(value: float) -> str:
    return format_number(Decimal(str(round(value, 1))), 1)
