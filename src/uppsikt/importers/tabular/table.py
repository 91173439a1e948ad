"""What a tabular reader gives: rows of cells with their places, and faults with stable codes.

A CSV cell is text. An XLSX cell is text, a number (`Decimal`, from the value Excel stored) or a
date; a formula cell is a `Formula`, never evaluated. A place is the file, the line (CSV: where
the record starts) or row (XLSX), and the column: its header, and for XLSX the sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from uppsikt.domain.problems import Location, Problem, Severity

# The stable codes of what a table can be faulted for; the message says it for people.
CODES = {
    "tabular.unreadable": "the file is neither a CSV text nor an XLSX workbook that opens",
    "tabular.encoding": "the text does not decode in the encoding given",
    "tabular.bad-csv": "the CSV text cannot be split into fields (e.g. a quote never closed)",
    "tabular.no-sheet": "the workbook has no sheet of the name given",
    "tabular.no-header": "no header row names the columns the import needs",
    "tabular.missing-column": "a column given by --column or the configuration is not in the header",
    "tabular.duplicate-column": "two columns of the header could be the same field",
    "tabular.formula": "a cell holds a formula (formulas are never evaluated); the file is refused",
    "tabular.row-length": "a CSV row has another number of fields than the header",
    "tabular.missing-value": "a row lacks a value it needs (account, amount, month …)",
    "tabular.bad-amount": "an amount is not a number in the format given",
    "tabular.bad-date": "a date is not a date (2023-04-30, 20230430 or 30.04.2023)",
    "tabular.bad-period": "a period or month is not a month (202304, 2023-04, or 1–12)",
    "tabular.bad-account": "an account is not 1–10 digits",
    "tabular.bad-object": "a dimension object is longer than 20 characters",
    "tabular.bad-kind": "a kind is neither utfall nor budget",
    "tabular.outside-year": "rows of other years than the one imported are left out",
    "tabular.bad-count": "a headcount is not a whole number of 0 or more",
    "tabular.bad-percent": "a percentage is not a number from 0 to 100",
    "tabular.bad-gender": "a gender is none of T, K, M (totalt, kvinnor, män)",
    "tabular.duplicate": "the same month, gender and figure comes twice with different values",
}

MAX_ACCOUNT = 10  # digits, as the ledger keeps them
MAX_OBJECT = 20  # characters of a dimension object, as the ledger keeps them


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula cell: its text, kept only to name it; never evaluated."""

    text: str


Value = str | Decimal | date | Formula


@dataclass(frozen=True, slots=True)
class Row:
    """A row of cells and its number: the CSV line it starts on, or the XLSX sheet row."""

    number: int
    cells: tuple[Value, ...]

    def cell(self, index: int) -> Value:
        """The cell at a column index; "" beyond the row's end."""
        return self.cells[index] if index < len(self.cells) else ""

    def is_empty(self) -> bool:
        """Whether every cell is blank."""
        return all(isinstance(cell, str) and not cell.strip() for cell in self.cells)


@dataclass(frozen=True, slots=True)
class Source:
    """The file a table comes from, and its sheet when a workbook."""

    file: str
    sheet: str | None = None  # None: a CSV text

    def place(self, row: int | None, column: int | None = None, header: str = "") -> Location:
        """The location of a row, or of a cell when `column` (0-based) is given."""
        if column is None:
            field = ""
        elif self.sheet is None:
            field = header.strip() or f"kolumn {column + 1}"
        else:
            cell = f"{self.sheet}!{column_letter(column)}{row}"
            field = f"{cell} ({header.strip()})" if header.strip() else cell
        return Location(self.file, row, field)

    def fault(
        self,
        code: str,
        message: str,
        row: int | None = None,
        column: int | None = None,
        header: str = "",
        *,
        error: bool = False,
    ) -> Problem:
        """A problem with a stable code at a place; a warning unless `error`."""
        assert code in CODES, code
        severity = Severity.ERROR if error else Severity.WARNING
        return Problem(self.place(row, column, header), f"{code}: {message}", severity)


class TabularError(Exception):
    """The table cannot be read at all; carries the problems that say why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def column_letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
