"""Mapping between economy models and domain records."""

from __future__ import annotations

from collections import defaultdict

from uppsikt.apps.economy import models
from uppsikt.apps.numbers import from_db, from_db_required
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.economy import frame as frames
from uppsikt.domain.economy import ledger, tables
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.money import Unit


def save_economy(committee_year: CommitteeYear, economy: Economy, periods: PeriodRows) -> None:
    """Create the committee's budget frame and financial tables with their figures."""
    if economy.frame is not None:
        save_frame(committee_year, economy.frame)
    for position, table in enumerate(economy.tables):
        save_table(committee_year, table, position, periods)


def save_frame(committee_year: CommitteeYear, frame: frames.BudgetFrame) -> None:
    """Create the budget frame, its parts and adjustments."""
    row = models.BudgetFrame.objects.create(
        committee_year=committee_year,
        unit=frame.unit.value,
        decimals=frame.decimals,
        stated=frame.stated,
    )
    for index, part in enumerate(frame.council):
        models.FramePart.objects.create(
            frame=row, text=part.text, amount=part.amount, position=index
        )
    for index, adjustment in enumerate(frame.adjustments):
        models.FrameAdjustment.objects.create(
            frame=row,
            amount=adjustment.amount,
            text=adjustment.text,
            body=adjustment.body,
            date=adjustment.date,
            reference=adjustment.reference,
            position=index,
        )


def save_table(
    committee_year: CommitteeYear, table: tables.FinancialTable, position: int, periods: PeriodRows
) -> models.FinancialTable:
    """Create a table: groups, columns, rows, figures per period, comments and ledger rules."""
    row = models.FinancialTable.objects.create(
        committee_year=committee_year,
        key=table.key,
        title=table.title,
        role=table.role.value if table.role else "",
        unit=table.unit.value,
        decimals=table.decimals,
        costs=table.costs.value,
        position=position,
    )
    groups = {
        group.key: models.ColumnGroup.objects.create(
            table=row, key=group.key, label=group.label, position=index
        )
        for index, group in enumerate(table.column_groups)
    }
    columns = {
        column.key: models.TableColumn.objects.create(
            table=row,
            key=column.key,
            label=column.label,
            kind=column.kind.value,
            operands=list(column.of),
            group=groups[column.group] if column.group else None,
            span=column.span.value,
            year_offset=column.year_offset,
            decimals=column.decimals,
            in_totals=column.in_totals,
            previous_period=column.previous_period,
            position=index,
        )
        for index, column in enumerate(table.columns)
    }
    rows: dict[str, models.TableRow] = {}
    for index, placed in enumerate(table.placed()):
        item = placed.row
        rows[item.key] = models.TableRow.objects.create(
            table=row,
            parent=rows[placed.parent] if placed.parent else None,
            key=item.key,
            label=item.label,
            kind=item.kind.value,
            of_which=item.of_which,
            sum_of=list(item.sum_of),
            change_of=item.of or "",
            excluded=item.excluded,
            position=index,
        )
    for values in table.values:
        period = periods[values.period]
        for cell in values.cells:
            models.TableCell.objects.create(
                table=row,
                period=period,
                row=rows[cell.row],
                column=columns[cell.column],
                **_cell_columns(cell.value),
            )
        for comment in values.comments:
            models.RowComment.objects.create(
                table=row, period=period, row=rows[comment.row], text=comment.text
            )
    for index, rule in enumerate(table.ledger):
        models.LedgerRule.objects.create(
            table=row,
            row=rows[rule.row],
            accounts=[str(item) for item in rule.accounts],
            dimensions={item.dimension: list(item.codes) for item in rule.filters},
            position=index,
        )
    return row


def _cell_columns(value: tables.CellValue) -> dict[str, object]:
    if isinstance(value, bool):
        return {"flag": value}
    if isinstance(value, str):
        return {"text": value}
    return {"number": value}


def _cell_value(row: models.TableCell) -> tables.CellValue:
    if row.flag is not None:
        return row.flag
    if row.number is not None:
        return from_db_required(row.number)
    return row.text


def frame_to_domain(row: models.BudgetFrame) -> frames.BudgetFrame:
    """The domain record of a budget frame."""
    return frames.BudgetFrame(
        unit=Unit(row.unit),
        decimals=row.decimals,
        council=tuple(
            frames.FramePart(part.text, from_db_required(part.amount)) for part in row.parts.all()
        ),
        adjustments=tuple(
            frames.FrameAdjustment(
                from_db_required(item.amount), item.text, item.body, item.date, item.reference
            )
            for item in row.adjustments.all()
        ),
        stated=from_db(row.stated),
    )


# What `table_to_domain` reads; prefetch it for every table read.
TABLE_RELATIONS = (
    "rows",
    "columns__group",
    "column_groups",
    "cells__row",
    "cells__column",
    "cells__period__year",
    "comments__row",
    "comments__period__year",
    "ledger_rules__row",
)


def table_to_domain(row: models.FinancialTable) -> tables.FinancialTable:
    """The domain record of a table (its related rows prefetched)."""
    row_models = list(row.rows.all())
    children: dict[int | None, list[models.TableRow]] = defaultdict(list)
    for item in row_models:
        children[item.parent_id].append(item)

    def build(item: models.TableRow) -> tables.Row:
        return tables.Row(
            key=item.key,
            label=item.label,
            kind=tables.RowKind(item.kind),
            rows=tuple(build(child) for child in children[item.pk]),
            of_which=item.of_which,
            sum_of=tuple(item.sum_of),
            of=item.change_of or None,
            excluded=item.excluded,
        )

    cells: dict[int, list[tables.Cell]] = defaultdict(list)
    comments: dict[int, list[tables.RowComment]] = defaultdict(list)
    period_keys = {}
    for cell in row.cells.all():
        period_keys[cell.period_id] = cell.period.key
        cells[cell.period_id].append(tables.Cell(cell.row.key, cell.column.key, _cell_value(cell)))
    for comment in row.comments.all():
        period_keys[comment.period_id] = comment.period.key
        comments[comment.period_id].append(tables.RowComment(comment.row.key, comment.text))
    return tables.FinancialTable(
        key=row.key,
        title=row.title,
        unit=Unit(row.unit),
        decimals=row.decimals,
        columns=tuple(
            tables.Column(
                key=column.key,
                label=column.label,
                kind=tables.ColumnKind(column.kind),
                of=tuple(column.operands),
                group=column.group.key if column.group else None,
                span=tables.Span(column.span),
                year_offset=column.year_offset,
                decimals=column.decimals,
                in_totals=column.in_totals,
                previous_period=column.previous_period,
            )
            for column in row.columns.all()
        ),
        rows=tuple(build(item) for item in children[None]),
        column_groups=tuple(
            tables.ColumnGroup(group.key, group.label) for group in row.column_groups.all()
        ),
        role=tables.TableRole(row.role) if row.role else None,
        costs=tables.CostSign(row.costs),
        values=tuple(
            tables.TableValues(
                key, tuple(cells.get(period_id, ())), tuple(comments.get(period_id, ()))
            )
            for period_id, key in sorted(period_keys.items())
        ),
        ledger=tuple(
            ledger.LedgerRule(
                rule.row.key,
                tuple(ledger.AccountRange.parse(text) for text in rule.accounts),
                tuple(
                    ledger.DimensionFilter(name, tuple(codes))
                    for name, codes in sorted(
                        rule.dimensions.items(), key=lambda item: ledger.DIMENSIONS.index(item[0])
                    )
                ),
            )
            for rule in row.ledger_rules.all()
        ),
    )


def economy_to_domain(committee_year: CommitteeYear) -> Economy:
    """The committee's budget frame and tables."""
    frame_row = (
        models.BudgetFrame.objects.filter(committee_year=committee_year)
        .prefetch_related("parts", "adjustments")
        .first()
    )
    table_rows = committee_year.financial_tables.prefetch_related(*TABLE_RELATIONS)
    return Economy(
        frame=frame_to_domain(frame_row) if frame_row else None,
        tables=tuple(table_to_domain(row) for row in table_rows),
    )
