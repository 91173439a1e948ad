"""Opening a table, CSV or XLSX told from the bytes, with how to read it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from uppsikt.importers.tabular.table import Row, Source, TabularError
from uppsikt.importers.tabular.text import read_csv
from uppsikt.importers.tabular.workbook import OLE_MAGIC, ZIP_MAGIC, read_workbook


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a table; None leaves it to the file (encoding, delimiter) or the first sheet."""

    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    decimal: str = ","  # the decimal mark of amounts written as text


def open_table(path: Path, options: ReadOptions, name: str = "") -> tuple[Source, Iterator[Row]]:
    """The table's source and its rows: an XLSX workbook's sheet, or a CSV text.

    Raises TabularError when the file cannot be read at all (also as the rows are read).
    """
    name = name or str(path)
    try:
        with path.open("rb") as file:
            head = file.read(4)
    except OSError as error:
        raise TabularError(
            [
                Source(name).fault(
                    "tabular.unreadable", f"filen går inte att läsa ({error.strerror})", error=True
                )
            ]
        ) from None
    if head == OLE_MAGIC:
        raise TabularError(
            [
                Source(name).fault(
                    "tabular.unreadable",
                    "det gamla Excelformatet (.xls) läses inte; spara som .xlsx eller CSV",
                    error=True,
                )
            ]
        )
    if head == ZIP_MAGIC:
        return read_workbook(path, name, options.sheet)
    return read_csv(path, name, encoding=options.encoding, delimiter=options.delimiter)
