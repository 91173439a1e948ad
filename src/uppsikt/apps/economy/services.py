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
from django.db import IntegrityError, transaction

from uppsikt.apps.economy import models
from uppsikt.apps.economy.ledger import served_table
from uppsikt.apps.economy.mapping import TABLE_RELATIONS, table_to_domain
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import StaleVersionError, save_if_current
from uppsikt.domain.access import Action
from uppsikt.domain.economy.tables import ColumnKind, ComputedTable, RowKind
from uppsikt.domain.formatting import parse_number
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


@dataclass
class Entries:
    """What a person typed: figures as shown (None where cleared), and what could not be read."""

    shown: dict[Place, Decimal | None] = field(default_factory=dict)
    versions: dict[Place, int] = field(default_factory=dict)
    raw: dict[str, str] = field(default_factory=dict)  # field name → the text as typed
    errors: dict[str, str] = field(default_factory=dict)  # field name → message


def read_entries(table: models.FinancialTable, data: Mapping[str, str]) -> Entries:
    """The entered cells of a submitted form; a field absent from it is left as it is."""
    entries = Entries()
    for row, column in entry_places(table):
        name = field_name(row, column)
        if name not in data:
            continue
        text = data[name].strip()
        entries.raw[name] = text
        try:
            entries.shown[(row, column)] = parse_number(text) if text else None
        except DomainError as error:
            entries.errors[name] = str(error)
        try:
            entries.versions[(row, column)] = int(data.get(f"v-{row}-{column}", "0"))
        except ValueError:
            entries.errors[name] = "sidan är trasig; ladda om den"
    return entries


def preview(
    committee_year: CommitteeYear, key: str, period: ReportingPeriod, entries: Entries
) -> ComputedTable:
    """The table computed with the entered figures over the ones saved."""
    row = committee_year.financial_tables.prefetch_related(*TABLE_RELATIONS).get(key=key)
    table = table_to_domain(row)
    kronor = {
        place: None if value is None else table.kronor_of(value)
        for place, value in entries.shown.items()
    }
    return served_table(committee_year, key, period.key, table.with_written(period.key, kronor))


def may_control(user: User, committee_year: CommitteeYear) -> bool:
    """Whether `user` may enter the committee's forecasts."""
    years = CommitteeYear.objects.filter(pk=committee_year.pk)
    return years.for_user(user, Action.CONTROL).exists()


def save_entries(
    user: User,
    table: models.FinancialTable,
    period: ReportingPeriod,
    entries: Entries,
) -> int:
    """Write the entered figures (kronor) that changed; how many did.

    All or nothing: raises PermissionDenied, PeriodClosedError, ValueError for entries that
    cannot be read, or StaleVersionError when someone else saved one of the cells since.
    """
    if not may_control(user, table.committee_year):
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
            if cell is None:
                if kronor is None:
                    continue
                if version != 0:  # the cell the person saw was cleared since
                    raise StaleVersionError(models.TableCell(table=table, period=period, version=0))
                try:
                    with transaction.atomic():
                        models.TableCell.objects.create(
                            table=table,
                            period=period,
                            row=rows[place[0]],
                            column=columns[place[1]],
                            number=kronor,
                        )
                except IntegrityError:
                    current = models.TableCell.objects.get(
                        period=period, row=rows[place[0]], column=columns[place[1]]
                    )
                    raise StaleVersionError(current) from None
                changed += 1
            elif cell.number != kronor:
                save_if_current(cell, version, number=kronor)
                changed += 1
            elif cell.version != version:
                raise StaleVersionError(cell)
    return changed
