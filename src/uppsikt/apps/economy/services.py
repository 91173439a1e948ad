"""Forecasts entered in a financial table: read as typed, previewed, saved without overwriting.

A controller types each data row's full-year forecast as the table shows it (in its unit, with
its sign for costs). The preview computes the whole table with those figures, so totals and
deviations follow as they type; saving writes the figures in kronor, each cell based on the
version the page showed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from uppsikt.apps.economy import models
from uppsikt.apps.economy.ledger import served_table
from uppsikt.apps.economy.mapping import table_to_domain
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import controls, require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import StaleVersionError, delete_if_current, save_or_create_if_current
from uppsikt.domain.economy.tables import ColumnKind, ComputedTable, FinancialTable, RowKind
from uppsikt.domain.formatting import parse_number, storage_fault
from uppsikt.domain.problems import DomainError

Place = tuple[str, str]  # row key, column key


def field_name(row: str, column: str) -> str:
    """The form field of a cell: `f-<row>-<column>`; its version is `v-<row>-<column>`."""
    return f"f-{row}-{column}"


def entry_places(table: models.FinancialTable) -> list[Place]:
    """The cells a person enters: each data row's forecast (not the previous period's)."""
    columns = [
        column.key
        for column in table.columns.all()
        if column.kind == ColumnKind.FORECAST.value and not column.previous_period
    ]
    return [
        (row.key, column)
        for row in table.rows.all()
        if row.kind == RowKind.DATA.value
        for column in columns
    ]


# The rows a comment may be written on: every row with figures (not labels or change rows).
COMMENTED_KINDS = {RowKind.DATA.value, RowKind.SUBTOTAL.value, RowKind.TOTAL.value}
COMMENT_LENGTH = 5000


def comment_field(row: str) -> str:
    """The form field of a row's comment: `k-<row>`; its version is `kv-<row>`."""
    return f"k-{row}"


def comment_rows(table: models.FinancialTable) -> list[str]:
    """The keys of the rows a comment may be written on, in order."""
    return [row.key for row in table.rows.all() if row.kind in COMMENTED_KINDS]


@dataclass
class Entries:
    """What a person typed: figures as shown (None where cleared), comments, and faults."""

    shown: dict[Place, Decimal | None] = field(default_factory=dict)
    versions: dict[Place, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # field name → the text as typed
    errors: dict[str, str] = field(default_factory=dict)  # field name → message
    comments: dict[str, str] = field(default_factory=dict)  # row key → the comment ("" clears)
    comment_versions: dict[str, int] = field(default_factory=dict)


def _version(data: Mapping[str, str], name: str) -> int | None:
    try:
        return int(data.get(name, "0"))
    except ValueError:
        return None


def _figure(table: FinancialTable, text: str) -> Decimal | None:
    """A typed figure that the database can keep, as typed and in kronor; DomainError if not.

    As the API's and the Excel import's: a figure too large for the column is refused here,
    never saved (PostgreSQL refuses it, SQLite would keep what no page can read back).
    """
    value = parse_number(text) if text else None
    if value is not None:
        fault = storage_fault(value) or storage_fault(table.kronor_of(value))
        if fault:
            raise DomainError(fault)
    return value


def read_entries(table: models.FinancialTable, data: Mapping[str, str]) -> Entries:
    """The entered cells of a submitted form; a field absent from it is left as it is.

    `table` is read with its `TABLE_RELATIONS`.
    """
    entries = Entries()
    computed = table_to_domain(table)
    for row, column in entry_places(table):
        name = field_name(row, column)
        if name not in data:
            continue
        text = data[name].strip()
        entries.raw[name] = text
        try:
            entries.shown[(row, column)] = _figure(computed, text)
        except DomainError as error:
            entries.errors[name] = str(error)
        version = _version(data, f"v-{row}-{column}")
        if version is None:
            entries.errors[name] = "sidan är trasig; ladda om den"
        else:
            entries.versions[(row, column)] = version
    for row in comment_rows(table):
        name = comment_field(row)
        if name not in data:
            continue
        text = data[name].replace("\r\n", "\n").strip()
        entries.raw[name] = text
        entries.comments[row] = text
        version = _version(data, f"kv-{row}")
        if len(text) > COMMENT_LENGTH:
            entries.errors[name] = f"högst {COMMENT_LENGTH} tecken (nu {len(text)})"
        elif version is None:
            entries.errors[name] = "sidan är trasig; ladda om den"
        else:
            entries.comment_versions[row] = version
    return entries


def preview(row: models.FinancialTable, period: ReportingPeriod, entries: Entries) -> ComputedTable:
    """The table (read with its `TABLE_RELATIONS`) computed with the entered figures."""
    table = table_to_domain(row)
    kronor = {
        place: None if value is None else table.kronor_of(value)
        for place, value in entries.shown.items()
    }
    return served_table(row, period, table.with_written(period.key, kronor))


def save_entries(
    user: User,
    table: models.FinancialTable,
    period: ReportingPeriod,
    entries: Entries,
) -> int:
    """Write the entered figures (kronor) and row comments that changed; how many did.

    All or nothing: raises PermissionDenied, PeriodClosedError, ValueError for entries that
    cannot be read, or StaleVersionError when someone else saved one of them since.
    """
    if not controls(user, table.committee_year):
        raise PermissionDenied("du får inte ändra nämndens prognoser")
    require_open(table.committee_year, period)
    if entries.errors:
        raise ValueError("; ".join(entries.errors.values()))
    domain = table_to_domain(table)
    rows = {row.key: row for row in table.rows.all()}
    columns = {column.key: column for column in table.columns.all()}
    saved = {
        (cell.row.key, cell.column.key): cell
        for cell in models.TableCell.objects.filter(table=table, period=period).select_related(
            "row", "column"
        )
    }
    changed = 0
    with transaction.atomic():
        for place, shown in entries.shown.items():
            kronor = None if shown is None else domain.kronor_of(shown)
            version = entries.versions.get(place, 0)
            cell = saved.get(place)
            if (cell.number if cell else None) == kronor:  # unchanged: still as the page showed?
                if cell is not None and cell.version != version:
                    raise StaleVersionError(cell)
                continue
            key = {"period": period, "row": rows[place[0]], "column": columns[place[1]]}
            save_or_create_if_current(models.TableCell, key, version, table=table, number=kronor)
            changed += 1
        changed += _save_comments(table, period, rows, entries)
    return changed


def _save_comments(
    table: models.FinancialTable,
    period: ReportingPeriod,
    rows: Mapping[str, models.TableRow],
    entries: Entries,
) -> int:
    """Write the row comments that changed (inside the caller's transaction); how many did."""
    saved = {
        comment.row.key: comment
        for comment in models.RowComment.objects.filter(table=table, period=period).select_related(
            "row"
        )
    }
    changed = 0
    for key, text in entries.comments.items():
        version = entries.comment_versions.get(key, 0)
        comment = saved.get(key)
        if comment is not None and comment.text == text:
            if comment.version != version:
                raise StaleVersionError(comment)
            continue
        if comment is None and not text:
            continue
        if comment is not None and not text:  # cleared: the comment goes, if still as seen
            delete_if_current(comment, version)
        else:
            key_fields = {"table": table, "period": period, "row": rows[key]}
            save_or_create_if_current(models.RowComment, key_fields, version, text=text)
        changed += 1
    return changed
