"""What a filled-in workbook changes, compared with the committee's period as it now is.

A row whose values are still those it was exported with is left alone, whatever has happened in
Uppsikt since. A row a person changed is checked (a status from the list, a number the database
can hold) and becomes a change, unless Uppsikt already holds the same; if Uppsikt's row was
changed since the export (its version differs), the row is a conflict and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from uppsikt.domain.formatting import STORED_DECIMALS, STORED_INTEGER_DIGITS, storage_fault
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.excel.read import ReadRow, ReadWorkbook
from uppsikt.importers.excel.template import (
    FORECAST_SHEET,
    INDICATOR_SHEET,
    FollowUpRow,
    ForecastRow,
    IndicatorRow,
    ItemKind,
    Role,
    Status,
    Template,
    check_of,
    clean_text,
    key_text,
)


@dataclass(frozen=True, slots=True)
class FollowUpChange:
    """A follow-up's new status (code, "" for none) and comment, based on its version."""

    place: str
    kind: ItemKind
    code: str
    status: str
    comment: str
    version: int
    fields: tuple[str, ...]  # what changed, in words: status, kommentar


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    """An indicator's new value for a year and gender, based on its version."""

    place: str
    code: str
    year: int
    gender: str
    value: Decimal | None
    version: int


@dataclass(frozen=True, slots=True)
class ForecastChange:
    """A forecast cell's new value in the table's unit and sign, based on its version."""

    place: str
    table: str
    row: str
    column: str
    value: Decimal | None
    version: int


@dataclass
class Changes:
    """The rows a workbook changes, and how many rows it left as they were."""

    follow_ups: list[FollowUpChange] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)
    forecasts: list[ForecastChange] = field(default_factory=list)
    unchanged: int = 0

    def __len__(self) -> int:
        return len(self.follow_ups) + len(self.indicators) + len(self.forecasts)


Current = FollowUpRow | IndicatorRow | ForecastRow
_Report = Callable[[str, str], None]  # (place, message)


def _current_rows(template: Template) -> dict[tuple[str, ...], Current]:
    rows: dict[tuple[str, ...], Current] = {}
    for follow_up in template.follow_ups:
        rows[(follow_up.kind.value, follow_up.code)] = follow_up
    for indicator in template.indicators:
        key = (INDICATOR_SHEET.kind, indicator.code, str(indicator.year), indicator.gender)
        rows[key] = indicator
    for forecast in template.forecasts:
        rows[(FORECAST_SHEET.kind, forecast.table, forecast.row, forecast.column)] = forecast
    return rows


def compare(read: ReadWorkbook, current: Template, name: str) -> tuple[Changes, list[Problem]]:
    """The changes the workbook makes to `current`, and every problem that stops them."""
    changes = Changes()
    problems: list[Problem] = []

    def problem(place: str, message: str) -> None:
        problems.append(Problem(Location(name, None, place), message))

    if read.scope != current.scope:
        problems.append(
            Problem(Location(name), f"arbetsboken är för {read.scope}, inte {current.scope}")
        )
        return changes, problems
    rows = _current_rows(current)
    for row in read.rows:
        if row.scope != read.scope:
            problem(
                row.place(),
                f"raden hör till {row.scope}, inte till arbetsbokens {read.scope}; kopiera inte "
                "rader mellan mallar",
            )
            continue
        found = rows.get((row.sheet.kind, *row.key))
        if found is None:
            problem(
                row.place(),
                f"raden {' '.join(row.key)} finns inte i Uppsikt (borttagen efter exporten?)",
            )
            continue
        if check_of(key_text(row.scope, row.sheet, row.key), row.version, row.values) == row.check:
            changes.unchanged += 1  # as exported: left alone, whatever Uppsikt holds now
            continue
        faults = len(problems)
        change = _change(row, found, current, problem)
        if change is None or len(problems) > faults:
            continue
        if row.version != found.version:
            problem(
                row.place(),
                f"raden har ändrats i Uppsikt sedan exporten (version {row.version}, nu "
                f"{found.version}); exportera en ny mall och för in din ändring där",
            )
            continue
        if isinstance(change, FollowUpChange):
            changes.follow_ups.append(change)
        elif isinstance(change, IndicatorChange):
            changes.indicators.append(change)
        else:
            changes.forecasts.append(change)
    return changes, problems


Change = FollowUpChange | IndicatorChange | ForecastChange


def _change(row: ReadRow, found: Current, current: Template, problem: _Report) -> Change | None:
    """The change the row makes to what Uppsikt holds; None when it holds the same already."""
    if isinstance(found, FollowUpRow):
        return _follow_up_change(row, found, current, problem)
    (value,) = row.values
    assert not isinstance(value, str)
    factor = found.kronor_per_unit if isinstance(found, ForecastRow) else Decimal(1)
    if value is not None and storage_fault((value * factor).normalize()):
        problem(
            row.place(Role.NUMBER),
            f"talet {value} får inte plats; högst {STORED_DECIMALS} decimaler (i kronor) och "
            f"{STORED_INTEGER_DIGITS} siffror före decimaltecknet",
        )
        return None
    if value == found.value:
        return None
    place = row.place(Role.NUMBER)
    if isinstance(found, IndicatorRow):
        return IndicatorChange(place, found.code, found.year, found.gender, value, found.version)
    return ForecastChange(place, found.table, found.row, found.column, value, found.version)


def _follow_up_change(
    row: ReadRow, found: FollowUpRow, current: Template, problem: _Report
) -> FollowUpChange | None:
    status_text, comment = row.values
    assert isinstance(status_text, str)
    assert isinstance(comment, str)
    status = _status(status_text, current.statuses(found.kind), row, problem)
    if status is None:
        return None
    fields = []
    if status != found.status:
        fields.append("status")
    if comment != clean_text(found.comment):
        fields.append("kommentar")
    else:
        comment = found.comment  # kept as it is, not as a cell gives it back
    if not fields:
        return None
    place = row.place(Role.STATUS)
    return FollowUpChange(
        place, found.kind, found.code, status, comment, found.version, tuple(fields)
    )


def _status(text: str, statuses: tuple[Status, ...], row: ReadRow, problem: _Report) -> str | None:
    """The code of the status a label names ("" for none), or None after naming the fault."""
    if not text:
        return ""
    wanted = " ".join(text.split()).casefold()
    for status in statuses:
        if " ".join(status.label.split()).casefold() == wanted:
            return status.code
    labels = ", ".join(status.label for status in statuses) or "listan är tom"
    problem(row.place(Role.STATUS), f'statusen "{text}" finns inte; välj bland {labels}')
    return None
