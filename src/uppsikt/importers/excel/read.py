"""Reading a filled-in template back: typed rows with their places, or problems naming the cell.

The file is checked before openpyxl sees it (size, the zip's entries and their unpacked size, no
DTD in its XML), then loaded with formulas as formulas: a formula cell anywhere is a problem,
and no cached value is ever read. Every problem names the sheet, row and column
(`Uppdrag!D7`); one run reports them all.
"""

from __future__ import annotations

import json
import math
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula
from openpyxl.worksheet.worksheet import Worksheet

from uppsikt.domain.formatting import parse_number
from uppsikt.domain.problems import DomainError, Location, Problem
from uppsikt.importers.excel.template import (
    ABOUT_SHEET,
    COMMENT_LENGTH,
    FORMAT_VERSION,
    HIDDEN,
    SHEETS,
    TITLE,
    Column,
    Role,
    Scope,
    Sheet,
    Value,
    clean_text,
)

MAX_FILE_BYTES = 10 * 2**20  # an exported committee's workbook is some tens of kilobytes
MAX_UNPACKED_BYTES = 60 * 2**20  # all the zip's entries together, unpacked
MAX_ENTRIES = 1000
# A DTD as a part may write it: in UTF-8 (or any encoding that agrees with ASCII here), and in
# UTF-16 or UTF-32 either way round, which an XML parser reads just as well.
_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_DOCTYPES = tuple("<!DOCTYPE".encode(encoding) for encoding in _ENCODINGS)
KEY_LENGTHS = {"indikator": 3, "prognos": 3}  # the parts of a row's own key; follow-ups have 1


@dataclass(frozen=True, slots=True)
class ReadRow:
    """A data row as read: where it stands, its hidden key, version and check, its values."""

    sheet: Sheet
    row: int
    scope: Scope
    key: tuple[str, ...]  # after the sheet's word
    version: int
    check: str
    values: tuple[Value, ...]  # the editable columns', in order

    def place(self, role: Role | None = None) -> str:
        """The row's cell of the first column with this role (its first column for None)."""
        index = next(
            (i for i, column in enumerate(self.sheet.columns, 1) if column.role is role), 1
        )
        return f"{self.sheet.name}!{get_column_letter(index)}{self.row}"


@dataclass(frozen=True, slots=True)
class ReadWorkbook:
    """A template read back: what it is for and its data rows."""

    scope: Scope
    rows: tuple[ReadRow, ...]


class _CellError(Exception):
    """A cell that cannot be read as its column needs."""


def read_workbook(
    data: bytes,
    name: str,
    *,
    max_bytes: int = MAX_FILE_BYTES,
    max_unpacked: int = MAX_UNPACKED_BYTES,
) -> tuple[ReadWorkbook | None, list[Problem]]:
    """The workbook's rows and every problem found; None when the file cannot be read at all."""
    problems: list[Problem] = []
    book = _open(data, name, max_bytes, max_unpacked, problems)
    if book is None:
        return None, problems
    for worksheet in book.worksheets:
        problems += _formulas(worksheet, name)
    scope = _scope(book, name, problems)
    rows: list[ReadRow] = []
    for spec in SHEETS:
        sheet = _sheet(book, spec.name)
        if sheet is None:
            problems.append(_problem(name, spec.name, f"bladet {spec.name} saknas"))
        elif _headers(sheet, spec, name, problems):
            rows += _rows(sheet, spec, name, problems)
    if scope is None:
        return None, problems
    return ReadWorkbook(scope, tuple(rows)), problems


def _sheet(book: Workbook, name: str) -> Worksheet | None:
    """The worksheet of this name (not a chart sheet), if the workbook has one."""
    found = book[name] if name in book.sheetnames else None
    return found if isinstance(found, Worksheet) else None


def _problem(file: str, place: str, message: str) -> Problem:
    return Problem(Location(file, None, place), message)


def _open(
    data: bytes, name: str, max_bytes: int, max_unpacked: int, problems: list[Problem]
) -> Workbook | None:
    """The workbook, after the checks that keep a hostile file from costing memory or time."""

    def refuse(message: str) -> None:
        problems.append(Problem(Location(name), message))

    if len(data) > max_bytes:
        refuse(f"filen är {len(data)} byte; högst {max_bytes} byte läses")
        return None
    fault = archive_fault(data, max_unpacked)
    if fault:
        refuse(fault)
        return None
    try:
        with warnings.catch_warnings():  # openpyxl warns of extensions it leaves out
            warnings.simplefilter("ignore")
            return load_workbook(
                BytesIO(data), read_only=False, data_only=False, keep_links=False, rich_text=False
            )
    except Exception as error:  # openpyxl fails in many ways on broken files
        refuse(f"filen är ingen läsbar Excel-arbetsbok (.xlsx): {_reason(error)}")
        return None


def archive_fault(data: bytes, max_unpacked: int = MAX_UNPACKED_BYTES) -> str:
    """Why the bytes are no workbook safe to hand to openpyxl ("" when nothing is wrong).

    Not a zip, a zip that unpacks to too much or to too many parts (a zip bomb), a part with a
    DTD, or a zip that cannot be read; the web upload asks this before it keeps a file.
    """
    if not data.startswith(b"PK"):
        return "filen är ingen Excel-arbetsbok (.xlsx); spara den som .xlsx och försök igen"
    try:
        return _unsafe(data, max_unpacked)
    except Exception as error:  # any fault of an untrusted zip is the file's
        return f"filen är ingen läsbar Excel-arbetsbok (.xlsx): {_reason(error)}"


def _unsafe(data: bytes, max_unpacked: int) -> str:
    """What makes the zip unsafe to hand to openpyxl ("" when nothing does)."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if len(entries) > MAX_ENTRIES or unpacked > max_unpacked:
            return (
                f"filen packas upp till {unpacked} byte i {len(entries)} delar; högst "
                f"{max_unpacked} byte och {MAX_ENTRIES} delar läses"
            )
        for entry in entries:  # an entry unpacks to no more than it states (zipfile stops)
            if any(doctype in archive.read(entry).upper() for doctype in _DOCTYPES):
                return f"filens del {entry.filename} har en DTD; en .xlsx-fil har ingen"
    return ""


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text[:200]


def _formulas(sheet: Worksheet, name: str) -> list[Problem]:
    found = []
    for cell in sheet._cells.values():
        value = cell.value
        if _is_formula(value, cell.data_type):
            shown = str(value.text) if isinstance(value, ArrayFormula) else str(value)
            found.append(
                _problem(
                    name,
                    f"{sheet.title}!{cell.coordinate}",
                    f"cellen innehåller en formel ({shown[:60]}); formler räknas aldrig ut vid "
                    "inläsningen, skriv in värdet i stället",
                )
            )
    return found


def _is_formula(value: object, data_type: str) -> bool:
    return data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula)


def _cell_value(sheet: Worksheet, row: int, column: int) -> Any:
    cell = sheet._cells.get((row, column))
    return None if cell is None else cell.value


def _content(sheet: Worksheet, row: int, column: int) -> Any:
    """A data cell's value; an error value (`#DIV/0!`) or a formula is a fault."""
    cell = sheet._cells.get((row, column))
    if cell is None:
        return None
    if _is_formula(cell.value, cell.data_type):
        raise _CellError("")  # named once, by `_formulas`
    if cell.data_type == "e":
        raise _CellError(f"cellen innehåller felet {cell.value}")
    return cell.value


def _scope(book: Workbook, name: str, problems: list[Problem]) -> Scope | None:
    about = _sheet(book, ABOUT_SHEET)
    if about is None:
        problems.append(Problem(Location(name), "bladet Om saknas: filen är ingen Uppsikt-mall"))
        return None
    if _cell_value(about, 1, 1) != TITLE:
        problems.append(_problem(name, "Om!A1", f"filen är ingen Uppsikt-mall (väntade {TITLE})"))
        return None
    version = _cell_value(about, 2, 2)
    if str(version) != str(FORMAT_VERSION):
        problems.append(
            _problem(
                name, "Om!B2", f"mallversionen är {version}, inte {FORMAT_VERSION}; exportera en ny"
            )
        )
        return None
    parts = []
    for row, label in ((3, "kommun"), (4, "nämnd"), (5, "period")):
        value = _cell_value(about, row, 2)
        if not isinstance(value, str) or not value.strip():
            problems.append(
                _problem(name, f"Om!B{row}", f"{label} saknas; ändra inte de grå cellerna")
            )
            return None
        parts.append(value.strip())
    return Scope(*parts)


def _headers(sheet: Worksheet, spec: Sheet, name: str, problems: list[Problem]) -> bool:
    headers = [column.header for column in spec.columns] + list(HIDDEN)
    for index, header in enumerate(headers, start=1):
        found = _cell_value(sheet, 1, index)
        if found != header:
            problems.append(
                _problem(
                    name,
                    f"{spec.name}!{get_column_letter(index)}1",
                    f"kolumnen ska heta {header}, inte {found or 'ingenting'}; flytta, lägg inte "
                    "till eller ta bort kolumner",
                )
            )
            return False
    return True


def _rows(sheet: Worksheet, spec: Sheet, name: str, problems: list[Problem]) -> list[ReadRow]:
    width = len(spec.columns) + len(HIDDEN)
    numbers = sorted(
        {
            row
            for (row, column), cell in sheet._cells.items()
            if row >= 2 and column <= width and cell.value is not None and cell.value != ""
        }
    )
    found: list[ReadRow] = []
    seen: dict[str, int] = {}
    for number in numbers:
        row = _row(sheet, spec, number, name, problems)
        if row is None:
            continue
        key = json.dumps([row.scope.municipality, row.scope.committee, row.scope.period, *row.key])
        if key in seen:
            problems.append(
                _problem(name, row.place(), f"raden finns redan på rad {seen[key]}; ta bort kopian")
            )
            continue
        seen[key] = number
        found.append(row)
    return found


def _row(
    sheet: Worksheet, spec: Sheet, number: int, name: str, problems: list[Problem]
) -> ReadRow | None:
    def place(column: int) -> str:
        return f"{spec.name}!{get_column_letter(column)}{number}"

    first_hidden = len(spec.columns) + 1
    parts = _key(_cell_value(sheet, number, first_hidden), spec)
    if parts is None:
        problems.append(
            _problem(
                name,
                place(1),
                "raden saknar Uppsikts dolda nyckel; lägg inte till rader, bara de exporterade "
                "läses in",
            )
        )
        return None
    scope, key = Scope(*parts[:3]), tuple(parts[4:])
    faulty = False
    version = _cell_value(sheet, number, first_hidden + 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        problems.append(_problem(name, place(first_hidden + 1), "radens dolda version är trasig"))
        faulty = True
    check = _cell_value(sheet, number, first_hidden + 2)
    if not isinstance(check, str):
        problems.append(_problem(name, place(first_hidden + 2), "radens dolda kontroll är trasig"))
        faulty = True
    keys = iter(key)
    values: list[Value] = []
    for index, column in enumerate(spec.columns, start=1):
        if column.role is Role.SHOWN:
            continue
        try:
            value = _read(_content(sheet, number, index), column)
            if column.role is Role.KEY:
                part = next(keys)
                if value != part:
                    raise _CellError(
                        f"den grå nyckelkolumnen {column.header} ska vara {part}, inte "
                        f"{value or 'tom'}; ändra inte de grå kolumnerna"
                    )
            else:
                values.append(value)
        except _CellError as fault:
            faulty = True
            if str(fault):
                problems.append(_problem(name, place(index), str(fault)))
    if faulty:
        return None
    assert isinstance(version, int)
    assert isinstance(check, str)
    return ReadRow(spec, number, scope, key, version, check, tuple(values))


def _read(content: object, column: Column) -> Value:
    """A cell's value as its column needs it; raises _CellError when it cannot be."""
    if column.role is Role.NUMBER:
        return _number(content)
    text = _text(content)
    if column.role is Role.TEXT and len(text) > COMMENT_LENGTH:
        raise _CellError(f"högst {COMMENT_LENGTH} tecken (nu {len(text)})")
    return text


def _key(value: object, spec: Sheet) -> list[str] | None:
    """The parts of a hidden key, if it is one of this sheet's."""
    if not isinstance(value, str):
        return None
    try:
        parts = json.loads(value)
    except ValueError:
        return None
    length = 4 + KEY_LENGTHS.get(spec.kind, 1)
    if (
        not isinstance(parts, list)
        or len(parts) != length
        or not all(isinstance(part, str) for part in parts)
        or parts[3] != spec.kind
    ):
        return None
    return parts


def _text(value: object) -> str:
    """A text cell's text; numbers and dates as people write them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        raise _CellError("cellen är SANT/FALSKT; skriv text")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(_decimal(value), "f").replace(".", ",")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, date | time):
        return value.isoformat()
    raise _CellError("cellen går inte att läsa som text")


def _number(value: object) -> Decimal | None:
    """A number cell's value; text with a decimal comma is read as a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise _CellError("cellen är SANT/FALSKT; skriv ett tal")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return _decimal(value)
    if isinstance(value, str):
        if not value.strip():
            return None
        if len(value) > 100:
            raise _CellError("texten är för lång för att vara ett tal")
        try:
            return parse_number(value)
        except DomainError as error:
            raise _CellError(str(error)) from None
    if isinstance(value, datetime | date | time | timedelta):
        raise _CellError("cellen är ett datum eller en tid; skriv ett tal")
    raise _CellError("cellen går inte att läsa som ett tal")


def _decimal(value: float) -> Decimal:
    """A double as the shortest decimal that reads back as it (what Excel shows)."""
    if not math.isfinite(value):
        raise _CellError("cellen är inget ändligt tal")
    return Decimal(repr(value))
