"""A financial table as its page shows it: computed cells, and inputs where a forecast is entered."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.apps.economy import models
from uppsikt.apps.economy.services import Entries, entry_places, field_name
from uppsikt.domain.economy.tables import ComputedTable
from uppsikt.domain.formatting import format_plain


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
class TablePage:
    """The table's caption, column headings and rows."""

    title: str
    unit: str
    groups: list[tuple[str, int]]
    columns: list[str]
    lines: list[LineView]


def table_page(
    table: models.FinancialTable,
    computed: ComputedTable,
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
    )
