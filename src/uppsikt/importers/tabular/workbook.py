"""XLSX workbooks: one sheet's rows, read as stored, streaming (openpyxl's read-only mode).

Formulas are never evaluated, nor their cached results used: a formula cell arrives as a
`Formula`, for the reader of the rows to refuse. A plain cell gives its stored value: text as
text, a number as a `Decimal` of the value Excel shows (a cell formatted as percent in percent,
0.045 as 4.5), a date as a date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from uppsikt.importers.tabular.table import Formula, Row, Source, TabularError, Value

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the binary .xls format of Excel 97–2003


def read_workbook(path: Path, name: str, sheet: str | None = None) -> tuple[Source, Iterator[Row]]:
    """The rows of the named sheet (default: the first), each with its sheet row number.

    Raises TabularError (`tabular.unreadable`, `tabular.no-sheet`) when the workbook does not
    open or has no such sheet, and `tabular.unreadable` when a row cannot be read.
    """
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # a broken file raises whatever its parts raise
        raise TabularError(
            [
                Source(name).fault(
                    "tabular.unreadable",
                    f"arbetsboken går inte att öppna ({type(error).__name__}: {error})",
                    error=True,
                )
            ]
        ) from None
    try:
        worksheet = _sheet(workbook, name, sheet)
    except TabularError:
        workbook.close()
        raise
    source = Source(name, worksheet.title)
    return source, _rows(workbook, worksheet, source)


def _sheet(workbook: Workbook, name: str, sheet: str | None) -> Any:
    sheets = workbook.worksheets
    if sheet is None and sheets:
        return sheets[0]
    wanted = (sheet or "").strip().casefold()
    found = next((item for item in sheets if item.title.strip().casefold() == wanted), None)
    if found is None:
        names = ", ".join(repr(item.title) for item in sheets) or "inga"
        raise TabularError(
            [
                Source(name).fault(
                    "tabular.no-sheet",
                    f"arbetsboken har inget blad {sheet!r} (bladen: {names}); ange --sheet",
                    error=True,
                )
            ]
        )
    return found


def _rows(workbook: Workbook, worksheet: Any, source: Source) -> Iterator[Row]:
    number = 0
    try:
        worksheet.reset_dimensions()  # a sheet's stated size is often wrong: read every row
        for number, cells in enumerate(worksheet.iter_rows(min_row=1), start=1):
            yield Row(number, tuple(_value(cell) for cell in cells))
    except TabularError:
        raise
    except Exception as error:  # a broken sheet raises whatever its parts raise
        raise TabularError(
            [
                source.fault(
                    "tabular.unreadable",
                    f"bladet går inte att läsa efter rad {number} ({type(error).__name__})",
                    number or None,
                    error=True,
                )
            ]
        ) from None
    finally:
        workbook.close()


def _value(cell: Any) -> Value:
    value = cell.value
    result: Value
    if getattr(cell, "data_type", "n") == "f":
        result = Formula(str(getattr(value, "text", None) or value))
    elif value is None:
        result = ""
    elif isinstance(value, bool):
        result = "SANT" if value else "FALSKT"
    elif isinstance(value, int | float):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
        result = number * 100 if _is_percent(cell) else number
    elif isinstance(value, datetime):
        result = value.date() if value.time() == time(0) else value.isoformat(sep=" ")
    elif isinstance(value, date):
        result = value
    else:  # text, and times or durations as Excel shows them
        result = str(value)
    return result


# What a number format shows as it stands rather than formats: quoted text (to its closing quote,
# or the end), a backslash-escaped character, a bracketed colour, condition or locale, and the
# character after `_` (a space its width) or `*` (a fill). A percent sign there is text, and
# Excel shows the number without multiplying it by 100.
_LITERAL = re.compile(r'"[^"]*(?:"|$)|\\.|\[[^\]]*(?:\]|$)|[_*].')


def _is_percent(cell: Any) -> bool:
    try:
        number_format = str(cell.number_format or "")
    except (IndexError, KeyError, AttributeError):
        return False
    return "%" in _LITERAL.sub("", number_format)
