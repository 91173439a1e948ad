"""Reading a committee's economy: the budget frame and the financial tables."""

from __future__ import annotations

import yaml

from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.frame import BudgetFrame, FrameAdjustment, FramePart
from uppsikt.domain.economy.ledger import DIMENSIONS, AccountRange, DimensionFilter, LedgerRule
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import (
    COMPUTED,
    Cell,
    CellValue,
    Column,
    ColumnGroup,
    ColumnKind,
    CostSign,
    FinancialTable,
    Row,
    RowComment,
    RowKind,
    Span,
    TableRole,
    TableValues,
    placed_rows,
)
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.importers.dataset.nodes import At, Record, mapping_entries, read_decimal, scalar_text
from uppsikt.importers.dataset.reading import FLAGS, Reader, keep_valid


class EconomyReader(Reader):
    """Reads the budget frame and the financial tables."""

    def economy(self, at: At, scope: str) -> Economy | None:
        """The committee's economy."""
        rec = self.record(at, "economy")
        frame_at = rec.get("frame")
        frame = self.frame(frame_at) if frame_at else None
        tables = keep_valid([self.table(item, scope) for item in rec.items("tables")])
        roles = [table.role for table in tables if table.role is not None]
        for role in {role for role in roles if roles.count(role) > 1}:
            rec.fail("tables", f"flera tabeller har rollen {role.value}; högst en får ha den")
        if rec.failed or (frame_at and frame is None):
            return None
        return Economy(frame, tables)

    def frame(self, at: At) -> BudgetFrame | None:
        """The budget frame, its amounts in kronor."""
        rec = self.record(at, "frame")
        unit = rec.choice("unit", Unit)
        decimals = rec.integer("decimals")
        parts = []
        for item in rec.items("council"):
            part = self.record(item, "frame_part")
            parts.append(FramePart(part.text("text"), unit.to_kronor(part.decimal("amount"))))
            rec.failed |= part.failed
        adjustments = []
        for item in rec.items("adjustments"):
            adjustment = self.record(item, "adjustment")
            adjustments.append(
                FrameAdjustment(
                    amount=unit.to_kronor(adjustment.decimal("amount")),
                    text=adjustment.text("text"),
                    body=adjustment.text("body"),
                    date=adjustment.optional_date("date"),
                    reference=adjustment.text("reference"),
                )
            )
            rec.failed |= adjustment.failed
        stated = rec.optional_decimal("stated")
        if rec.failed:
            return None
        return BudgetFrame(
            unit,
            decimals,
            tuple(parts),
            tuple(adjustments),
            unit.to_kronor(stated) if stated is not None else None,
        )

    def table(self, at: At, scope: str) -> FinancialTable | None:
        """A financial table with its figures per period."""
        rec = self.record(at, "table")
        key = rec.text("key")
        self.define(scope + "table", key, rec, "key")
        inner = f"{scope}{key}:"
        groups = keep_valid([self.group(item, inner) for item in rec.items("column_groups")])
        columns = keep_valid([self.column(item, inner) for item in rec.items("columns")])
        rows = keep_valid([self.row(item, inner) for item in rec.items("rows")])
        role = rec.choice("role", TableRole) if rec.get("role") is not None else None
        spec = FinancialTable(
            key=key,
            title=rec.text("title"),
            unit=rec.choice("unit", Unit),
            decimals=rec.integer("decimals"),
            columns=columns,
            rows=rows,
            column_groups=groups,
            role=role,
            costs=rec.choice("costs", CostSign, CostSign.NEGATIVE),
        )
        values = self.table_values(rec, spec, scope)
        comments = self.table_comments(rec, spec)
        ledger = keep_valid([self.ledger_rule(item, spec) for item in rec.items("ledger")])
        if rec.failed:
            return None
        merged = tuple(
            TableValues(period, cells, comments.get(period, ())) for period, cells in values.items()
        ) + tuple(
            TableValues(period, (), items)
            for period, items in comments.items()
            if period not in values
        )
        return FinancialTable(
            spec.key,
            spec.title,
            spec.unit,
            spec.decimals,
            spec.columns,
            spec.rows,
            spec.column_groups,
            spec.role,
            spec.costs,
            merged,
            ledger,
        )

    def group(self, at: At, scope: str) -> ColumnGroup | None:
        """A column group."""
        rec = self.record(at, "column_group")
        result = ColumnGroup(rec.text("key"), rec.text("label"))
        self.define(scope + "group", result.key, rec, "key")
        return None if rec.failed else result

    def column(self, at: At, scope: str) -> Column | None:
        """A column; a computed one names the columns it is computed from."""
        rec = self.record(at, "column")
        key = rec.text("key")
        self.define(scope + "column", key, rec, "key")
        kind = rec.choice("kind", ColumnKind)
        operands = tuple(rec.strings("of"))
        for operand in operands:
            self.source.refer(scope + "column", operand, rec.values["of"])
        wanted = 2 if kind in COMPUTED - {ColumnKind.SUM} else None
        if kind in COMPUTED and (len(operands) < 2 or (wanted and len(operands) != wanted)):
            count = "två kolumner" if wanted else "minst två kolumner"
            rec.fail("of", f"en kolumn av typen {kind.value} räknas ur {count} i 'of'")
        elif kind not in COMPUTED and operands:
            rec.fail("of", f"en kolumn av typen {kind.value} räknas inte ur andra; ta bort 'of'")
        group = rec.optional_text("group")
        if group:
            self.refer(scope + "group", group, rec, "group")
        result = Column(
            key=key,
            label=rec.text("label"),
            kind=kind,
            of=operands,
            group=group or None,
            span=rec.choice("span", Span, Span.YEAR),
            year_offset=rec.integer("year"),
            decimals=rec.optional_integer("decimals"),
            in_totals=self.flag(rec, "total", default=True),
            previous_period=self.previous(rec, kind),
        )
        return None if rec.failed else result

    def previous(self, rec: Record, kind: ColumnKind) -> bool:
        """Whether the column shows the previous period's figure (`period: previous`)."""
        text = rec.optional_text("period")
        if text is None or text == "current":
            return False
        if text != "previous":
            rec.fail("period", f"'{text}' är inte tillåtet; välj bland current, previous")
        elif kind not in {
            ColumnKind.BUDGET,
            ColumnKind.FORECAST,
            ColumnKind.OUTCOME,
            ColumnKind.AMOUNT,
        }:
            rec.fail("period", "bara en beloppskolumn kan visa föregående periods siffra")
        return True

    def row(self, at: At, scope: str) -> Row | None:
        """A row with its sub-rows."""
        rec = self.record(at, "row")
        key = rec.text("key")
        self.define(scope + "row", key, rec, "key")
        kind = rec.choice("kind", RowKind, RowKind.DATA)
        sum_of = tuple(rec.strings("sum_of"))
        for item in sum_of:
            self.source.refer(scope + "row", item, rec.values["sum_of"])
        of = rec.optional_text("of")
        if of:
            self.refer(scope + "row", of, rec, "of")
        if kind is RowKind.CHANGE and not of:
            rec.fail("of", "en förändringsrad anger i 'of' vilken rad den visar förändringen för")
        if sum_of and kind is not RowKind.SUBTOTAL:
            rec.fail("sum_of", "bara en delsumma (kind: subtotal) har sum_of")
        children = keep_valid([self.row(item, scope) for item in rec.items("rows")])
        if children and kind is not RowKind.DATA:
            rec.fail("rows", "bara en datarad kan ha varav-rader")
        result = Row(
            key=key,
            label=rec.text("label"),
            kind=kind,
            rows=children,
            of_which=self.flag(rec, "of_which", default=False),
            sum_of=sum_of,
            of=of or None,
            excluded=self.flag(rec, "excluded", default=False),
        )
        return None if rec.failed else result

    def table_values(
        self, rec: Record, table: FinancialTable, scope: str
    ) -> dict[PeriodKey, tuple[Cell, ...]]:
        """The figures written per period, turned into kronor with Uppsikt's sign."""
        rows = {item.row.key: item.row for item in placed_rows(table.rows)}
        found: dict[PeriodKey, tuple[Cell, ...]] = {}
        for period_text, key_at, at in rec.entries("values"):
            period = self.period_key(period_text, key_at)
            cells: list[Cell] = []
            for row_key, row_at, figures_at in mapping_entries(at, self.source):
                row = rows.get(row_key)
                if row is None:
                    self.source.problem(row_at, f"tabellen {table.key} har ingen rad '{row_key}'")
                    rec.failed = True
                    continue
                cells += self.row_values(rec, table, row, figures_at, scope)
            if period is not None:
                found[period] = tuple(cells)
        return found

    def row_values(
        self, rec: Record, table: FinancialTable, row: Row, at: At, scope: str
    ) -> list[Cell]:
        """One row's figures, one per column."""
        if not isinstance(at.node, yaml.SequenceNode):
            self.source.problem(
                at, f"väntade en lista med ett värde per kolumn ({len(table.columns)})"
            )
            rec.failed = True
            return []
        items = [at.child(node, index) for index, node in enumerate(at.node.value)]
        if len(items) != len(table.columns):
            self.source.problem(
                at, f"raden har {len(items)} värden men tabellen {len(table.columns)} kolumner"
            )
            rec.failed = True
            return []
        if row.kind is RowKind.LABEL and any(not item.is_null for item in items):
            self.source.problem(at, f"raden {row.key} är en rubrikrad och har inga värden")
            rec.failed = True
            return []
        cells = []
        for column, item in zip(table.columns, items, strict=True):
            if item.is_null:
                continue
            value = self.cell_value(table, row, column, item, scope)
            if value is None:
                rec.failed = True
            else:
                cells.append(Cell(row.key, column.key, value))
        return cells

    def cell_value(
        self, table: FinancialTable, row: Row, column: Column, at: At, scope: str
    ) -> CellValue | None:
        """A figure in kronor (amounts), percent, text, goal code or yes/no."""
        if column.kind in {ColumnKind.TEXT, ColumnKind.GOAL, ColumnKind.FLAG}:
            return self.word_value(column, at, scope)
        number = read_decimal(at, self.source)
        if number is None:
            return None
        if column.is_percentage or row.kind is RowKind.CHANGE:
            return number
        return table.unit.to_kronor(number) * table.costs.factor

    def word_value(self, column: Column, at: At, scope: str) -> str | bool | None:
        """A text, a goal's code (which must exist) or yes/no."""
        text = (scalar_text(at) or "").strip()
        if column.kind is ColumnKind.FLAG:
            if text.lower() not in FLAGS:
                self.source.problem(at, f"'{text}' är varken ja eller nej")
                return None
            return FLAGS[text.lower()]
        if not text:
            self.source.problem(at, "väntade en text")
            return None
        if column.kind is ColumnKind.GOAL:
            self.source.refer(scope + "goal", text, at)
        return text

    def table_comments(
        self, rec: Record, table: FinancialTable
    ) -> dict[PeriodKey, tuple[RowComment, ...]]:
        """Comments per period and row."""
        rows = {item.row.key for item in placed_rows(table.rows)}
        found: dict[PeriodKey, tuple[RowComment, ...]] = {}
        for period_text, key_at, at in rec.entries("comments"):
            period = self.period_key(period_text, key_at)
            comments = []
            for row_key, row_at, text_at in mapping_entries(at, self.source):
                text = scalar_text(text_at)
                if row_key not in rows:
                    self.source.problem(row_at, f"tabellen {table.key} har ingen rad '{row_key}'")
                    rec.failed = True
                elif text is None:
                    self.source.problem(text_at, "väntade en text")
                    rec.failed = True
                else:
                    comments.append(RowComment(row_key, text.strip()))
            if period is not None:
                found[period] = tuple(comments)
        return found

    def ledger_rule(self, at: At, table: FinancialTable) -> LedgerRule | None:
        """A rule filling a data row from the ledger."""
        rec = self.record(at, "ledger_rule")
        row_key = rec.text("row")
        rows = {item.row.key: item.row for item in placed_rows(table.rows)}
        row = rows.get(row_key)
        if row_key and (row is None or row.kind is not RowKind.DATA or row.sums_its_rows):
            rec.fail("row", f"'{row_key}' är ingen datarad utan varav-rader i tabellen {table.key}")
        accounts = []
        for text in rec.strings("accounts"):
            try:
                accounts.append(AccountRange.parse(text))
            except DomainError as error:
                rec.fail("accounts", str(error))
        filters = tuple(
            DimensionFilter(name, tuple(rec.strings(name)))
            for name in DIMENSIONS
            if rec.get(name) is not None
        )
        result = LedgerRule(row_key, tuple(accounts), filters)
        return None if rec.failed else result
