"""The general financial table: typed columns, rows at any depth, every computed cell computed.

A table is configuration (columns, rows) plus, per period, the figures written into it. Input
cells (budget, forecast, outcome, other amounts, texts) hold what was written or what the
ledger gives; every other cell is computed from them: a row with sub-rows is their sum, a
subtotal the sum of its rows, a total the sum of the top-level data rows, a deviation one column
minus another, a percentage a ratio. A figure written into a computed cell is kept as *stated*
and compared with the computed one by the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from uppsikt.domain.economy.ledger import LedgerKind, LedgerRule, Summary, months, span_amount
from uppsikt.domain.economy.money import HUNDRED, Amount, Unit, ratio_percent, total
from uppsikt.domain.formatting import format_number, round_half_up
from uppsikt.domain.periods import PeriodKey

CellValue = Decimal | str | bool


class ColumnKind(StrEnum):
    """What a column holds: an input, or a value computed from other columns."""

    BUDGET = "budget"
    FORECAST = "forecast"
    OUTCOME = "outcome"
    AMOUNT = "amount"
    TEXT = "text"
    GOAL = "goal"
    FLAG = "flag"
    DEVIATION = "deviation"
    PERCENT_CHANGE = "percent_change"
    SHARE = "share"
    SUM = "sum"


INPUT_AMOUNTS = frozenset(
    {ColumnKind.BUDGET, ColumnKind.FORECAST, ColumnKind.OUTCOME, ColumnKind.AMOUNT}
)
INPUT_OTHER = frozenset({ColumnKind.TEXT, ColumnKind.GOAL, ColumnKind.FLAG})
PERCENTAGES = frozenset({ColumnKind.PERCENT_CHANGE, ColumnKind.SHARE})
COMPUTED = frozenset({ColumnKind.DEVIATION, ColumnKind.SUM}) | PERCENTAGES


class Span(StrEnum):
    """The time an amount column covers."""

    YEAR = "year"  # the whole year
    PERIOD = "period"  # 1 January to the period's closing date


@dataclass(frozen=True, slots=True)
class ColumnGroup:
    """A heading over several columns, e.g. "Helår" or "Jan-apr"."""

    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a financial table."""

    key: str
    label: str
    kind: ColumnKind
    of: tuple[str, ...] = ()
    group: str | None = None
    span: Span = Span.YEAR
    year_offset: int = 0
    decimals: int | None = None
    in_totals: bool = True
    previous_period: bool = False  # the figure written for the period before, e.g. its forecast

    @property
    def is_input(self) -> bool:
        """Whether the column's cells are written or imported rather than computed."""
        return self.kind in INPUT_AMOUNTS or self.kind in INPUT_OTHER

    @property
    def is_amount(self) -> bool:
        """Whether the column holds amounts in kronor."""
        return self.kind in INPUT_AMOUNTS or self.kind in {ColumnKind.DEVIATION, ColumnKind.SUM}

    @property
    def is_percentage(self) -> bool:
        """Whether the column holds percentages."""
        return self.kind in PERCENTAGES


class RowKind(StrEnum):
    """What a row is."""

    DATA = "data"
    LABEL = "label"
    SUBTOTAL = "subtotal"
    TOTAL = "total"
    CHANGE = "change"


@dataclass(frozen=True, slots=True)
class Row:
    """A row; a data row with sub-rows ("varav") is their sum unless `of_which` is set."""

    key: str
    label: str
    kind: RowKind = RowKind.DATA
    rows: tuple[Row, ...] = ()
    of_which: bool = False
    sum_of: tuple[str, ...] = ()
    of: str | None = None
    excluded: bool = False

    @property
    def sums_its_rows(self) -> bool:
        """Whether the row's amounts are the sum of its sub-rows."""
        return self.kind is RowKind.DATA and bool(self.rows) and not self.of_which


@dataclass(frozen=True, slots=True)
class PlacedRow:
    """A row with its depth and parent, as a table is read top to bottom."""

    row: Row
    depth: int
    parent: str | None


def placed_rows(
    rows: tuple[Row, ...], depth: int = 0, parent: str | None = None
) -> Iterator[PlacedRow]:
    """Every row, depth first, in the order it is shown."""
    for row in rows:
        yield PlacedRow(row, depth, parent)
        yield from placed_rows(row.rows, depth + 1, row.key)


class CostSign(StrEnum):
    """How a table publishes costs."""

    NEGATIVE = "negative"  # costs negative, income positive (as Uppsikt holds them)
    POSITIVE = "positive"  # net costs positive: every amount's sign is turned

    @property
    def factor(self) -> Decimal:
        """What a published amount is multiplied by to give Uppsikt's sign, and back."""
        return Decimal(1) if self is CostSign.NEGATIVE else Decimal(-1)


class TableRole(StrEnum):
    """What a table is, for the named live figures and checks."""

    RESULT = "result"
    INITIATIVES = "initiatives"
    INVESTMENTS = "investments"


@dataclass(frozen=True, slots=True)
class Cell:
    """A figure written into a table for a period (kronor with Uppsikt's sign for amounts)."""

    row: str
    column: str
    value: CellValue


@dataclass(frozen=True, slots=True)
class RowComment:
    """A comment on a row for a period, e.g. why the forecast deviates."""

    row: str
    text: str


@dataclass(frozen=True, slots=True)
class TableValues:
    """What was written into a table for one period."""

    period: PeriodKey
    cells: tuple[Cell, ...] = ()
    comments: tuple[RowComment, ...] = ()

    def lookup(self) -> dict[tuple[str, str], CellValue]:
        """The cells by (row, column)."""
        return {(cell.row, cell.column): cell.value for cell in self.cells}


@dataclass(frozen=True, slots=True)
class FinancialTable:
    """A financial table: configuration plus the figures written per period."""

    key: str
    title: str
    unit: Unit
    decimals: int
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    column_groups: tuple[ColumnGroup, ...] = ()
    role: TableRole | None = None
    costs: CostSign = CostSign.NEGATIVE
    values: tuple[TableValues, ...] = ()
    ledger: tuple[LedgerRule, ...] = ()

    def column(self, key: str) -> Column:
        """The column with this key."""
        return next(column for column in self.columns if column.key == key)

    def placed(self) -> list[PlacedRow]:
        """Every row with its depth, in display order."""
        return list(placed_rows(self.rows))

    def row(self, key: str) -> Row:
        """The row with this key, at any depth."""
        return next(item.row for item in placed_rows(self.rows) if item.row.key == key)

    def values_for(self, period: PeriodKey) -> TableValues | None:
        """What was written for `period`."""
        return next((item for item in self.values if item.period == period), None)

    def current_twin(self, column: Column) -> Column:
        """The column of this period whose figure a previous-period column shows."""
        return next(
            (
                item
                for item in self.columns
                if item.kind is column.kind
                and item.span is column.span
                and item.year_offset == column.year_offset
                and not item.previous_period
            ),
            column,
        )

    def values_before(self, period: PeriodKey) -> TableValues | None:
        """What was written for the latest earlier period of the same year, if any."""
        earlier = [
            item
            for item in self.values
            if item.period.year == period.year
            and item.period.default_closing_date() < period.default_closing_date()
        ]
        return max(earlier, key=lambda item: item.period.default_closing_date(), default=None)

    def kronor_of(self, shown: Decimal) -> Decimal:
        """The kronor, in Uppsikt's sign, of a figure written as the table shows it."""
        return self.unit.to_kronor(shown) * self.costs.factor

    def with_written(
        self, period: PeriodKey, cells: Mapping[tuple[str, str], Decimal | None]
    ) -> FinancialTable:
        """The table with `cells` (kronor; None clears one) written for `period`."""
        before = self.values_for(period) or TableValues(period)
        kept = tuple(cell for cell in before.cells if (cell.row, cell.column) not in cells)
        added = tuple(
            Cell(row, column, value) for (row, column), value in cells.items() if value is not None
        )
        updated = replace(before, cells=kept + added)
        others = tuple(item for item in self.values if item.period != period)
        return replace(self, values=(*others, updated))

    @property
    def half_step(self) -> Decimal:
        """The rounding error of a figure written in the table's unit, in kronor."""
        return self.unit.step(self.decimals) / 2

    def percent_decimals(self, column: Column) -> int:
        """The decimals a percentage column is shown with."""
        return column.decimals if column.decimals is not None else 0


@dataclass(frozen=True, slots=True)
class ComputedCell:
    """A cell's value (kronor, percent or text), whether it was input, and what was stated."""

    value: Amount | str | bool | None
    is_input: bool
    stated: CellValue | None = None

    @property
    def amount(self) -> Amount | None:
        """The cell's amount or percentage, None when it has none."""
        return self.value if isinstance(self.value, Amount) else None


@dataclass(frozen=True)
class ComputedTable:
    """A table with every cell of one period computed."""

    table: FinancialTable
    period: PeriodKey
    cells: Mapping[tuple[str, str], ComputedCell] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def _columns(self) -> dict[str, Column]:
        return {column.key: column for column in self.table.columns}

    @cached_property
    def _row_kinds(self) -> dict[str, RowKind]:
        return {item.row.key: item.row.kind for item in self.table.placed()}

    def cell(self, row: str, column: str) -> ComputedCell:
        """The computed cell at (row, column); an empty one where there is nothing."""
        return self.cells.get((row, column), ComputedCell(None, is_input=False))

    def amount(self, row: str, column: str) -> Amount | None:
        """The amount or percentage at (row, column)."""
        return self.cell(row, column).amount

    def shown(self, row: str, column: str) -> Decimal | None:
        """The number a reader sees: in the table's unit and sign, rounded for display."""
        amount = self.amount(row, column)
        if amount is None:
            return None
        spec = self._columns[column]
        if spec.is_percentage or self._row_kinds[row] is RowKind.CHANGE:
            return round_half_up(amount.value, self.table.percent_decimals(spec))
        published = amount.value * self.table.costs.factor
        return self.table.unit.rounded(published, self.table.decimals)

    def text(self, row: str, column: str) -> str:
        """The cell as Swedish text: `−6 389`, `35`, `Ja`, or empty."""
        cell = self.cell(row, column)
        if isinstance(cell.value, bool):
            return "Ja" if cell.value else "Nej"
        if isinstance(cell.value, str):
            return cell.value
        shown = self.shown(row, column)
        return "" if shown is None else format_number(shown, max(0, -_exponent(shown)))


def compute_table(
    table: FinancialTable,
    period: PeriodKey,
    ledger: Mapping[tuple[str, str], Decimal] | None = None,
) -> ComputedTable:
    """Compute every cell of `table` for `period`.

    Inputs come from the ledger where it gives the (row, column), else from the figures written
    for the period. Written figures carry half a display step of rounding error; ledger amounts
    are exact.
    """
    written = table.values_for(period)
    lookup = written.lookup() if written else {}
    before = table.values_before(period)
    previous = before.lookup() if before else {}
    ledger = ledger or {}

    def input_amount(row: str, column: str) -> Amount | None:
        if (row, column) in ledger:
            return Amount(ledger[(row, column)])
        spec = table.column(column)
        if spec.previous_period:
            value = previous.get((row, table.current_twin(spec).key))
        else:
            value = lookup.get((row, column))
        return Amount(value, table.half_step) if isinstance(value, Decimal) else None

    placed = table.placed()
    amounts = _input_amounts(table, placed, input_amount)
    cells: dict[tuple[str, str], ComputedCell] = {}
    for item in placed:
        row = item.row
        if row.kind is RowKind.LABEL:
            continue
        for column in table.columns:
            key = (row.key, column.key)
            cells[key] = _cell(table, row, column, amounts, lookup.get(key))
            if column.kind in COMPUTED and column.is_amount:
                amounts[key] = cells[key].amount
    comments = {item.row: item.text for item in written.comments} if written else {}
    return ComputedTable(table, period, cells, comments)


def _input_amounts(
    table: FinancialTable,
    placed: list[PlacedRow],
    input_amount: Callable[[str, str], Amount | None],
) -> dict[tuple[str, str], Amount | None]:
    """Every input amount column's cells: inputs, sums of sub-rows, subtotals and totals."""
    amounts: dict[tuple[str, str], Amount | None] = {}
    for column in (item for item in table.columns if item.kind in INPUT_AMOUNTS):

        def get(row: str, column: str = column.key) -> Amount | None:
            return amounts.get((row, column))

        for item in reversed(placed):  # sub-rows before the rows they add up to
            row = item.row
            if row.kind is RowKind.DATA:
                amounts[(row.key, column.key)] = (
                    total([get(child.key) for child in row.rows])
                    if row.sums_its_rows
                    else input_amount(row.key, column.key)
                )
        if not column.in_totals:
            continue
        for item in placed:
            row = item.row
            if row.kind is RowKind.SUBTOTAL:
                keys = row.sum_of or _rows_since_label(placed, row.key)
                amounts[(row.key, column.key)] = total([get(key) for key in keys])
            elif row.kind is RowKind.TOTAL:
                tops = [
                    top.key for top in table.rows if top.kind is RowKind.DATA and not top.excluded
                ]
                amounts[(row.key, column.key)] = total([get(key) for key in tops])
    return amounts


def _cell(
    table: FinancialTable,
    row: Row,
    column: Column,
    amounts: Mapping[tuple[str, str], Amount | None],
    written: CellValue | None,
) -> ComputedCell:
    """One cell: an input as written, or a computed value with what was stated for it."""
    if row.kind is RowKind.CHANGE:
        return ComputedCell(_change(table, row, column, amounts), False, written)
    if column.kind in INPUT_AMOUNTS:
        is_input = row.kind is RowKind.DATA and not row.sums_its_rows
        return ComputedCell(
            amounts.get((row.key, column.key)), is_input, None if is_input else written
        )
    if column.kind in INPUT_OTHER:
        if row.kind is not RowKind.DATA or written is None:
            return ComputedCell(None, is_input=True)
        return ComputedCell(written if isinstance(written, str | bool) else str(written), True)
    return ComputedCell(_computed(column, row.key, amounts), False, written)


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _rows_since_label(placed: list[PlacedRow], key: str) -> list[str]:
    """The data rows at a subtotal's depth since the last label or subtotal before it."""
    index = next(i for i, item in enumerate(placed) if item.row.key == key)
    depth = placed[index].depth
    keys: list[str] = []
    for item in reversed(placed[:index]):
        if item.depth < depth or item.row.kind in {RowKind.LABEL, RowKind.SUBTOTAL, RowKind.TOTAL}:
            break
        if item.depth == depth and item.row.kind is RowKind.DATA:
            keys.append(item.row.key)
    return list(reversed(keys))


def _computed(
    column: Column, row: str, amounts: Mapping[tuple[str, str], Amount | None]
) -> Amount | None:
    operands = [amounts.get((row, key)) for key in column.of]
    if column.kind is ColumnKind.SUM:
        return total(operands)
    first, second = operands[0], operands[1]
    if first is None or second is None:
        return None
    if column.kind is ColumnKind.DEVIATION:
        return first - second
    if column.kind is ColumnKind.PERCENT_CHANGE:
        return ratio_percent(first, second, minus=HUNDRED)
    return ratio_percent(first, second)


def _change(
    table: FinancialTable,
    row: Row,
    column: Column,
    amounts: Mapping[tuple[str, str], Amount | None],
) -> Amount | None:
    """The percent change of row `row.of` in `column` from the amount column before it."""
    inputs = [item for item in table.columns if item.kind in INPUT_AMOUNTS]
    if row.of is None or column not in inputs or inputs.index(column) == 0:
        return None
    before = inputs[inputs.index(column) - 1]
    now, then = amounts.get((row.of, column.key)), amounts.get((row.of, before.key))
    if now is None or then is None:
        return None
    return ratio_percent(now, then, minus=HUNDRED)


LEDGER_KINDS = {ColumnKind.BUDGET: LedgerKind.BUDGET, ColumnKind.OUTCOME: LedgerKind.OUTCOME}


def ledger_inputs(
    table: FinancialTable, summary: Summary, closing: date, year: int
) -> dict[tuple[str, str], Decimal]:
    """The inputs the ledger gives a table: each ruled row's budget and outcome columns."""
    inputs: dict[tuple[str, str], Decimal] = {}
    for rule_row in {rule.row for rule in table.ledger}:
        for column in table.columns:
            kind = LEDGER_KINDS.get(column.kind)
            if kind is None:
                continue
            span = months(column.span is Span.PERIOD, closing)
            amount = span_amount(summary, rule_row, kind, year + column.year_offset, span)
            if amount is not None:
                inputs[(rule_row, column.key)] = amount
    return inputs
