"""A financial table as its page shows it: computed cells, and inputs where a forecast is entered."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from uppsikt.apps.economy import models
from uppsikt.apps.economy.services import (
    Entries,
    comment_field,
    comment_rows,
    entry_places,
    field_name,
)
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.tracking import Change, changes
from uppsikt.domain.economy.tables import ComputedTable, RowKind
from uppsikt.domain.formatting import format_number, format_plain


def cell_id(row: str, column: str) -> str:
    """The id of a shown cell, by which the preview updates it."""
    return f"c-{row}-{column}"


@dataclass(frozen=True)
class CellView:
    """A cell: its text, or an input with its value, version, accessible name and error."""

    id: str
    text: str
    name: str = ""
    value: str = ""
    version: int = 0
    label: str = ""
    error: str = ""


@dataclass(frozen=True)
class LineView:
    """A row of the table."""

    label: str
    depth: int
    kind: str
    cells: list[CellView]


@dataclass(frozen=True)
class CommentView:
    """A row's comment for the period: its text, and its field where the person may write it."""

    row: str
    label: str
    text: str
    name: str = ""
    version: int = 0
    error: str = ""


@dataclass(frozen=True)
class TablePage:
    """The table's caption, column headings, rows and row comments."""

    title: str
    unit: str
    groups: list[tuple[str, int]]
    columns: list[str]
    lines: list[LineView]
    comments: list[CommentView]


def table_page(
    table: models.FinancialTable,
    computed: ComputedTable,
    period: ReportingPeriod,
    *,
    editable: bool,
    entries: Entries | None = None,
    versions: dict[tuple[str, str], int] | None = None,
) -> TablePage:
    """The page's table; entered cells keep what the person typed (shown again on an error)."""
    spec = computed.table
    places = set(entry_places(table)) if editable else set()
    versions = versions or {}
    raw = entries.raw if entries else {}
    groups: list[tuple[str, int]] = []
    for column in spec.columns:
        label = next((g.label for g in spec.column_groups if g.key == column.group), "")
        if groups and groups[-1][0] == label:
            groups[-1] = (label, groups[-1][1] + 1)
        else:
            groups.append((label, 1))
    lines = []
    for placed in spec.placed():
        row = placed.row
        cells = []
        for column in spec.columns:
            text = computed.text(row.key, column.key)
            place = (row.key, column.key)
            if place not in places:
                cells.append(CellView(cell_id(*place), text))
                continue
            name = field_name(*place)
            shown = computed.shown(*place)
            cells.append(
                CellView(
                    cell_id(*place),
                    text,
                    name=name,
                    value=raw.get(name, "" if shown is None else format_plain(shown)),
                    version=versions.get(place, 0),
                    label=f"{column.label}, {row.label}",
                    error=entries.errors.get(name, "") if entries else "",
                )
            )
        lines.append(LineView(row.label, placed.depth, row.kind.value, cells))
    return TablePage(
        title=spec.title,
        unit=spec.unit.value,
        groups=groups if any(label for label, _ in groups) else [],
        columns=[column.label for column in spec.columns],
        lines=lines,
        comments=_comments(table, period, editable=editable, entries=entries),
    )


def _comments(
    table: models.FinancialTable,
    period: ReportingPeriod,
    *,
    editable: bool,
    entries: Entries | None,
) -> list[CommentView]:
    """Every row's comment; a field on each row that may have one when the person may write."""
    saved = {
        comment.row.key: comment
        for comment in models.RowComment.objects.filter(table=table, period=period).select_related(
            "row"
        )
    }
    labels = {row.key: row.label for row in table.rows.all()}
    if not editable:
        return [CommentView(key, labels[key], comment.text) for key, comment in saved.items()]
    views = []
    for key in comment_rows(table):
        name = comment_field(key)
        comment = saved.get(key)
        typed = entries.raw.get(name) if entries else None
        views.append(
            CommentView(
                key,
                labels[key],
                typed if typed is not None else comment.text if comment else "",
                name=name,
                version=comment.version if comment else 0,
                error=entries.errors.get(name, "") if entries else "",
            )
        )
    return views


def table_history(
    table: models.FinancialTable, period: ReportingPeriod, computed: ComputedTable
) -> list[Change]:
    """Every change to the table's figures and comments for the period, newest first.

    Read from the history itself, so that a comment since removed keeps its changes; amounts
    are shown as the table shows them (`computed` is the table computed for the period).
    """
    rows = {row.pk: row.label for row in table.rows.all()}
    columns = {column.pk: column.label for column in table.columns.all()}
    spec = computed.table
    percent = {column.key for column in spec.columns if column.is_percentage}

    def amount(cell: Any, kronor: Decimal) -> str:
        if cell.column.key in percent or cell.row.kind == RowKind.CHANGE.value:
            return format_plain(kronor)
        shown = spec.unit.rounded(kronor * spec.costs.factor, spec.decimals)
        return f"{format_number(shown, spec.decimals)} {spec.unit.value}"

    cells = models.TableCell.history.filter(table_id=table.pk, period_id=period.pk)
    comments = models.RowComment.history.filter(table_id=table.pk, period_id=period.pk)
    found = changes(
        cells,
        lambda cell: f"{columns.get(cell.column_id)}, {rows.get(cell.row_id)}",
        {"number": amount},
    )
    found += changes(comments, lambda comment: f"Kommentaren till {rows.get(comment.row_id)}")
    found.sort(key=lambda change: change.when, reverse=True)
    return found
