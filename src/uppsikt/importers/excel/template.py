"""What an Excel template holds: a committee's period as plain rows, and the sheets' layout.

The same `Template` is written to a workbook (`write.py`) and, built afresh from the database
at import time, is what a workbook read back (`read.py`) is compared with (`compare.py`). Each
data row carries, in hidden columns, its key (with the municipality, committee and period it
belongs to), the version of the row it was exported at, and a check of the values exported, so
that an import can tell the rows a person changed from those they left alone.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

FORMAT_VERSION = 1
TITLE = "Uppsikt – uppföljning i Excel"
COMMENT_LENGTH = 5000  # as the web form allows

Value = str | Decimal | None  # an editable cell's value: text, a number, or empty


class ItemKind(StrEnum):
    """A kind of followed-up item; the value is its word in keys (as in the web's addresses)."""

    ASSIGNMENT = "uppdrag"
    RISK_ACTION = "riskatgard"
    AUDIT_ACTION = "granskningsatgard"
    CONTROL = "kontroll"


@dataclass(frozen=True, slots=True)
class Scope:
    """The municipality (Kolada id), committee (code) and period (key) a workbook is for."""

    municipality: str
    committee: str
    period: str

    def __str__(self) -> str:
        return f"{self.committee} {self.period} ({self.municipality})"


@dataclass(frozen=True, slots=True)
class Status:
    """A status of a vocabulary, offered by its label."""

    code: str
    label: str


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """An item's status and comment for the period (assignment, risk or audit action, control)."""

    kind: ItemKind
    code: str
    text: str
    context: str  # the responsible unit, the risk, the audit finding or the process
    status: str  # the status's code; "" for none
    comment: str
    version: int  # of the follow-up; 0 when none is written yet


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator's value for a year and gender (value None: missing, or not yet written)."""

    code: str
    name: str
    unit: str
    year: int
    gender: str  # T, K or M
    value: Decimal | None
    version: int  # of the value; 0 when none is written yet


@dataclass(frozen=True, slots=True)
class ForecastRow:
    """An entered forecast cell of a financial table, in the table's unit and sign."""

    table: str
    table_title: str
    row: str
    row_label: str
    column: str
    column_label: str
    unit: str  # kr, tkr or mnkr
    kronor_per_unit: Decimal  # with the sign the table publishes costs with
    value: Decimal | None
    version: int  # of the cell; 0 when none is written yet


@dataclass(frozen=True, slots=True)
class Template:
    """A committee's period as the workbook shows it."""

    scope: Scope
    municipality_name: str
    committee_name: str
    period_name: str
    exported: datetime
    assignment_statuses: tuple[Status, ...]
    control_statuses: tuple[Status, ...]
    follow_ups: tuple[FollowUpRow, ...] = ()
    indicators: tuple[IndicatorRow, ...] = ()
    forecasts: tuple[ForecastRow, ...] = ()

    def statuses(self, kind: ItemKind) -> tuple[Status, ...]:
        """The statuses an item of this kind is followed up with."""
        if kind is ItemKind.ASSIGNMENT:
            return self.assignment_statuses
        return self.control_statuses


class Role(StrEnum):
    """What a column of a data sheet holds."""

    KEY = "key"  # a part of the row's key, shown grey; must not be changed
    SHOWN = "shown"  # shown for reading, grey; not read back
    STATUS = "status"  # a status's label, from a list
    TEXT = "text"  # free text
    NUMBER = "number"  # a number, or empty


@dataclass(frozen=True, slots=True)
class Column:
    """A visible column of a data sheet."""

    header: str
    width: int
    role: Role

    @property
    def editable(self) -> bool:
        """Whether a person fills it in."""
        return self.role in {Role.STATUS, Role.TEXT, Role.NUMBER}


@dataclass(frozen=True, slots=True)
class Sheet:
    """A data sheet: its name, the word its keys start with, and its visible columns."""

    name: str
    kind: str  # the first part of its rows' keys
    columns: tuple[Column, ...]


HIDDEN = ("Nyckel", "Version", "Kontroll")


def _follow_up_sheet(name: str, kind: ItemKind, text: str, context: str) -> Sheet:
    return Sheet(
        name,
        kind.value,
        (
            Column("Kod", 12, Role.KEY),
            Column(text, 60, Role.SHOWN),
            Column(context, 36, Role.SHOWN),
            Column("Status", 24, Role.STATUS),
            Column("Kommentar", 70, Role.TEXT),
        ),
    )


FOLLOW_UP_SHEETS = {
    ItemKind.ASSIGNMENT: _follow_up_sheet(
        "Uppdrag", ItemKind.ASSIGNMENT, "Uppdrag", "Ansvarig enhet"
    ),
    ItemKind.RISK_ACTION: _follow_up_sheet(
        "Riskåtgärder", ItemKind.RISK_ACTION, "Riskåtgärd", "Risk"
    ),
    ItemKind.AUDIT_ACTION: _follow_up_sheet(
        "Granskningsåtgärder", ItemKind.AUDIT_ACTION, "Åtgärd", "Granskning"
    ),
    ItemKind.CONTROL: _follow_up_sheet("Kontroller", ItemKind.CONTROL, "Kontroll", "Process"),
}
INDICATOR_SHEET = Sheet(
    "Indikatorer",
    "indikator",
    (
        Column("Kod", 12, Role.KEY),
        Column("Indikator", 60, Role.SHOWN),
        Column("Enhet", 10, Role.SHOWN),
        Column("År", 8, Role.KEY),
        Column("Kön", 6, Role.KEY),
        Column("Värde", 14, Role.NUMBER),
    ),
)
FORECAST_SHEET = Sheet(
    "Prognoser",
    "prognos",
    (
        Column("Tabell", 40, Role.SHOWN),
        Column("Rad", 44, Role.SHOWN),
        Column("Kolumn", 24, Role.SHOWN),
        Column("Enhet", 8, Role.SHOWN),
        Column("Prognos", 16, Role.NUMBER),
    ),
)
SHEETS = (*FOLLOW_UP_SHEETS.values(), INDICATOR_SHEET, FORECAST_SHEET)
ABOUT_SHEET = "Om"
LISTS_SHEET = "Listor"


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A data row as written: its key after the sheet's word, version and visible cells."""

    key: tuple[str, ...]
    version: int
    cells: tuple[str | int | Decimal | None, ...]


def follow_up_row(row: FollowUpRow, statuses: tuple[Status, ...]) -> SheetRow:
    """The sheet row of a follow-up, its status shown by label."""
    label = next((status.label for status in statuses if status.code == row.status), "")
    return SheetRow((row.code,), row.version, (row.code, row.text, row.context, label, row.comment))


def indicator_row(row: IndicatorRow) -> SheetRow:
    """The sheet row of an indicator's value."""
    key = (row.code, str(row.year), row.gender)
    return SheetRow(
        key, row.version, (row.code, row.name, row.unit, row.year, row.gender, row.value)
    )


def forecast_row(row: ForecastRow) -> SheetRow:
    """The sheet row of a forecast cell."""
    cells = (row.table_title, row.row_label, row.column_label, row.unit, row.value)
    return SheetRow((row.table, row.row, row.column), row.version, cells)


def key_text(scope: Scope, sheet: Sheet, key: tuple[str, ...]) -> str:
    """The hidden key of a row: its scope, its sheet's word and its own key, as JSON."""
    parts = [scope.municipality, scope.committee, scope.period, sheet.kind, *key]
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def canonical(value: Value) -> str:
    """A value as the check compares it: numbers normalized, text as cleaned."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return "0" if value.is_zero() else str(value.normalize())
    return value


def check_of(key: str, version: int, values: tuple[Value, ...]) -> str:
    """The check of the editable values a row was exported with."""
    text = json.dumps([key, version, [canonical(value) for value in values]], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


# Characters an .xlsx file cannot hold (XML 1.0 forbids them); openpyxl refuses them.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Text as a cell holds and gives back: one kind of line break, no edge blanks."""
    text = _UNWRITABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.strip()


def editable_values(
    sheet: Sheet, cells: tuple[str | int | Decimal | None, ...]
) -> tuple[Value, ...]:
    """The values of the sheet's editable columns among a row's visible cells."""
    found: list[Value] = []
    for column, cell in zip(sheet.columns, cells, strict=True):
        if not column.editable:
            continue
        if isinstance(cell, int):
            found.append(Decimal(cell))
        elif isinstance(cell, str):
            found.append(clean_text(cell))
        else:
            found.append(cell)
    return tuple(found)
