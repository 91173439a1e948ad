"""The header row and the columns of a table's fields, and each data row's cells by field.

A field's column is found by its header, compared without case, spaces at the ends, `%` and
parentheses (`Sjukfrånvaro (%)` is `sjukfrånvaro`), and with dashes as hyphens. A column given
(`--column amount="Belopp SEK"`) replaces the field's usual headers. The header row is the
first of the first 50 rows that names a column for each field the import needs, so that title
lines above it in a report-like export are passed over.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from uppsikt.domain.problems import Problem
from uppsikt.importers.tabular.table import Formula, Row, Source, TabularError, Value
from uppsikt.importers.tabular.values import parse_date, parse_month, text_of

T = TypeVar("T")

HEADER_ROWS = 50  # rows searched for the header

# The fields that say which month a row is for, in the order they are preferred.
TIME_FIELDS: dict[str, tuple[str, ...]] = {
    "period": ("period", "bokföringsperiod", "redovisningsperiod"),
    "year": ("år", "bokföringsår", "räkenskapsår"),
    "month": ("månad",),
    "date": ("datum", "bokföringsdatum", "verifikationsdatum", "transaktionsdatum", "date"),
}
TIME = ("period", "month", "date")


def normalise(header: str) -> str:
    """A header as compared: case folded, dashes as hyphens, no `%` or parentheses."""
    text = re.sub(r"[–—]", "-", header.casefold())
    text = re.sub(r"[()%]", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Header:
    """The header row: its number, its cells as text, and each field's column."""

    row: int
    names: tuple[str, ...]
    columns: Mapping[str, int]

    def name(self, column: int) -> str:
        """The header of a column ("" beyond the header's end)."""
        return self.names[column] if column < len(self.names) else ""


def check_columns(configured: Mapping[str, str], fields: Iterable[str]) -> None:
    """Raise ValueError when a configured field is none of the layout's."""
    unknown = sorted(set(configured) - set(fields))
    if unknown:
        raise ValueError(
            f"okända fält {', '.join(unknown)}; välj bland {', '.join(sorted(set(fields)))}"
        )


def find_header(
    rows: Iterator[Row],
    source: Source,
    defaults: Mapping[str, tuple[str, ...]],
    configured: Mapping[str, str],
    needs: Sequence[tuple[str, ...]],
) -> Header:
    """The header row, read from `rows` (which go on after it); each need one field of a tuple.

    Raises TabularError (`tabular.no-header`, `tabular.missing-column`,
    `tabular.duplicate-column`) when none of the first rows will do.
    """
    best: tuple[int, Header, list[Problem]] | None = None
    for _, row in zip(range(HEADER_ROWS), rows, strict=False):
        if row.is_empty():
            continue
        header, faults = _match(row, source, defaults, configured)
        missing = [name for name in configured if name not in header.columns]
        lacking = [group for group in needs if not any(name in header.columns for name in group)]
        if not missing and not lacking:
            if faults:
                raise TabularError(faults)
            return header
        if best is None or len(header.columns) > best[0]:
            faults += [
                source.fault(
                    "tabular.missing-column",
                    f"rubriken {configured[name]!r} för {name} finns inte i rubrikraden",
                    row.number,
                    error=True,
                )
                for name in missing
            ] + [
                source.fault(
                    "tabular.no-header",
                    f"ingen kolumn för {' eller '.join(group)} "
                    f"(rubriker som {_examples(defaults, group)}); ange --column FÄLT=RUBRIK",
                    row.number,
                    error=True,
                )
                for group in lacking
                if not any(name in configured for name in group)
            ]
            best = (len(header.columns), header, faults)
    if best is None:
        raise TabularError([source.fault("tabular.no-header", "filen har inga rader", error=True)])
    raise TabularError(best[2])


def _examples(defaults: Mapping[str, tuple[str, ...]], group: tuple[str, ...]) -> str:
    return ", ".join(defaults[name][0].capitalize() for name in group if defaults.get(name))


def _match(
    row: Row,
    source: Source,
    defaults: Mapping[str, tuple[str, ...]],
    configured: Mapping[str, str],
) -> tuple[Header, list[Problem]]:
    names = tuple("" if isinstance(cell, Formula) else text_of(cell) for cell in row.cells)
    compared = [normalise(name) for name in names]
    columns: dict[str, int] = {}
    faults: list[Problem] = []
    wanted: dict[str, tuple[str, ...]] = {
        name: (normalise(header),) for name, header in configured.items()
    }
    wanted |= {
        name: tuple(normalise(header) for header in headers)
        for name, headers in defaults.items()
        if name not in configured
    }
    for name, headers in sorted(wanted.items(), key=lambda item: item[0] not in configured):
        found = [
            index
            for index, text in enumerate(compared)
            if text in headers and index not in columns.values()
        ]
        if len(found) == 1:
            columns[name] = found[0]
        elif found:
            listed = ", ".join(repr(names[index]) for index in found)
            faults.append(
                source.fault(
                    "tabular.duplicate-column",
                    f"kolumnerna {listed} kan alla vara {name}; ange --column {name}=RUBRIK",
                    row.number,
                    error=True,
                )
            )
    return Header(row.number, names, columns), faults


def data_rows(
    rows: Iterable[Row], source: Source, header: Header, problems: list[Problem]
) -> Iterator[Row]:
    """The rows after the header that hold anything; a formula or a misshapen CSV row a fault."""
    width = len(header.names)
    for row in rows:
        if row.is_empty():
            continue
        formulas = [index for index, cell in enumerate(row.cells) if isinstance(cell, Formula)]
        for index in formulas:
            cell = row.cells[index]
            assert isinstance(cell, Formula)
            problems.append(
                source.fault(
                    "tabular.formula",
                    f"cellen har formeln {cell.text!r}; formler räknas aldrig ut, "
                    "skriv in värdena eller exportera igen",
                    row.number,
                    index,
                    header.name(index),
                    error=True,
                )
            )
        if formulas:
            continue
        extra = row.cells[width:]
        if source.sheet is None and (
            len(row.cells) < width or any(isinstance(cell, str) and cell.strip() for cell in extra)
        ):
            problems.append(
                source.fault(
                    "tabular.row-length",
                    f"raden har {len(row.cells)} fält men rubrikraden {width}; "
                    "stämmer avgränsaren och decimaltecknet?",
                    row.number,
                )
            )
            continue
        yield row


@dataclass
class Cells:
    """One data row's cells by field; each cell that does not read is a fault at its place."""

    source: Source
    header: Header
    row: Row
    problems: list[Problem]
    failed: bool = field(default=False)

    def has(self, name: str) -> bool:
        """Whether the table has a column for the field."""
        return name in self.header.columns

    def fault(self, code: str, message: str, name: str | None = None) -> None:
        """Note a fault of the row, at the field's cell when given; the row is left out."""
        column = None if name is None else self.header.columns.get(name)
        header = "" if column is None else self.header.name(column)
        self.problems.append(self.source.fault(code, message, self.row.number, column, header))
        self.failed = True

    def cell(self, name: str) -> Value:
        """The field's cell as read ("" when the table has no such column)."""
        column = self.header.columns.get(name)
        return "" if column is None else self.row.cell(column)

    def optional(self, name: str, parse: Callable[[Value], T], code: str) -> T | None:
        """The field's value; None when the cell is blank or the table has no such column."""
        column = self.header.columns.get(name)
        if column is None:
            return None
        value = self.row.cell(column)
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.fault(code, str(error), name)
            return None

    def required(self, name: str, parse: Callable[[Value], T], code: str, what: str) -> T | None:
        """The field's value; a `tabular.missing-value` fault when blank."""
        value = self.cell(name)
        if isinstance(value, str) and not value.strip():
            self.fault("tabular.missing-value", f"{what} saknas", name)
            return None
        return self.optional(name, parse, code)

    def month(self, year: int) -> tuple[int, int] | None:
        """The row's (year, month): from its period, its year and month, or its date."""
        if self.has("period"):
            return self.required(
                "period", lambda value: parse_month(value, year), "tabular.bad-period", "period"
            )
        if self.has("month"):
            given = year
            if self.has("year"):
                found = self.required("year", _parse_year, "tabular.bad-period", "år")
                if found is None:
                    return None
                given = found
            return self.required(
                "month", lambda value: parse_month(value, given), "tabular.bad-period", "månad"
            )
        day = self.required("date", parse_date, "tabular.bad-date", "datum")
        return None if day is None else (day.year, day.month)


def _parse_year(value: Value) -> int:
    text = text_of(value)
    if not re.fullmatch(r"\d{4}", text):
        raise ValueError(f"{text!r} är inget år")
    return int(text)
