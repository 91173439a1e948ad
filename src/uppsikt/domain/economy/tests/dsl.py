"""Financial tables written as text, so that table tests read like the published tables.

Columns: `key:kind`, with `(a,b)` for the operands of a computed column and `@period` for a
period column, e.g. `budget:budget prognos:forecast avvikelse:deviation(prognos,budget)`.

Rows, one per line: `key[:kind[(args)]] | figure | figure …`, where indentation by two spaces
makes a "varav" sub-row of the row above, `kind` is `label`, `subtotal(a,b)` (or `subtotal`),
`total`, `change(row)`, `of_which` or `excluded`, and `-` is an empty cell. Every figure of the
published table is written; `inputs()` gives only those Uppsikt is meant to take as input.
"""

from __future__ import annotations

import re
from decimal import Decimal

from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import (
    Cell,
    Column,
    ColumnKind,
    FinancialTable,
    Row,
    RowKind,
    Span,
    TableValues,
)
from uppsikt.domain.periods import PeriodKey

T1 = PeriodKey.parse("2023-T1")
_SPEC = re.compile(
    r"^(?P<key>[\w-]+)(?::(?P<kind>\w+)(?:\((?P<args>[^)]*)\))?)?(?P<period>@period)?$"
)


def columns(text: str) -> tuple[Column, ...]:
    """Columns from `key:kind(args)@period` words."""
    found = []
    for word in text.split():
        match = _SPEC.match(word)
        assert match, word
        args = tuple(item for item in (match["args"] or "").split(",") if item)
        found.append(
            Column(
                key=match["key"],
                label=match["key"],
                kind=ColumnKind(match["kind"]),
                of=args,
                span=Span.PERIOD if match["period"] else Span.YEAR,
            )
        )
    return tuple(found)


def _row(spec: str, children: tuple[Row, ...]) -> Row:
    match = _SPEC.match(spec)
    assert match, spec
    kind, args = match["kind"], tuple(a for a in (match["args"] or "").split(",") if a)
    key = match["key"]
    if kind in (None, "data"):
        return Row(key, key, rows=children)
    if kind == "of_which":
        return Row(key, key, rows=children, of_which=True)
    if kind == "excluded":
        return Row(key, key, rows=children, excluded=True)
    if kind == "subtotal":
        return Row(key, key, RowKind.SUBTOTAL, sum_of=args)
    if kind == "change":
        return Row(key, key, RowKind.CHANGE, of=args[0])
    return Row(key, key, RowKind(kind))


def parse_rows(text: str) -> tuple[tuple[Row, ...], dict[str, list[Decimal | None]]]:
    """Rows as a tree, and every row's figures by key."""
    lines = [line for line in text.splitlines() if line.strip()]
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    parsed = []
    figures: dict[str, list[Decimal | None]] = {}
    for line in lines:
        depth = (len(line) - len(line.lstrip()) - indent) // 2
        spec, *cells = (part.strip() for part in line.split("|"))
        parsed.append((depth, spec))
        figures[_SPEC.match(spec)["key"]] = [  # type: ignore[index]
            None if cell == "-" else Decimal(cell.replace(" ", "")) for cell in cells
        ]

    def build(start: int, depth: int) -> tuple[list[Row], int]:
        rows: list[Row] = []
        index = start
        while index < len(parsed) and parsed[index][0] >= depth:
            spec = parsed[index][1]
            children, index = build(index + 1, depth + 1)
            rows.append(_row(spec, tuple(children)))
        return rows, index

    rows, _ = build(0, 0)
    return tuple(rows), figures


def table(
    column_text: str, row_text: str, unit: Unit = Unit.TKR, decimals: int = 0
) -> tuple[FinancialTable, dict[str, list[Decimal | None]]]:
    """A table with no figures written yet, and the figures of the text."""
    rows, figures = parse_rows(row_text)
    return FinancialTable("t", "Tabell", unit, decimals, columns(column_text), rows), figures


def with_figures(
    table: FinancialTable, figures: dict[str, list[Decimal | None]], inputs_only: bool
) -> FinancialTable:
    """The table with the figures written for T1 (in kronor); all of them, or only inputs."""
    cells = []
    for placed in table.placed():
        row = placed.row
        for column, figure in zip(table.columns, figures.get(row.key, []), strict=False):
            if figure is None:
                continue
            is_input = column.is_input and row.kind is RowKind.DATA and not row.sums_its_rows
            if inputs_only and not is_input:
                continue
            value = table.unit.to_kronor(figure) if column.is_amount else figure
            cells.append(
                Cell(row.key, column.key, value * table.costs.factor if column.is_amount else value)
            )
    return FinancialTable(
        table.key,
        table.title,
        table.unit,
        table.decimals,
        table.columns,
        table.rows,
        table.column_groups,
        table.role,
        table.costs,
        (TableValues(T1, tuple(cells)),),
    )
