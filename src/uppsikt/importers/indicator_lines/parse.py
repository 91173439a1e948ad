"""Reading indicator values sent as lines: `date;unit;measure;column;value`.

The format other systems already send (and Kolada's own exports resemble):

- `date`: the year the value is for, as `2023`, `2023-12` or `2023-12-31` (only the year is
  kept: an indicator has one value a year);
- `unit`: who the value is for, e.g. the municipality's Kolada id `0126`;
- `measure`: the indicator's code, or its Kolada KPI id such as `N00945`;
- `column`: the gender split, `T` (total), `K` (women) or `M` (men);
- `value`: the number, with a decimal comma or point and an optional minus sign; empty means
  published without a value.

Blank lines are skipped, and a first line naming the fields is allowed. Every line is read and
every fault reported with its line and field; what the fields mean for a committee (which units
and measures it has) is for the caller to check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from uppsikt.domain.formatting import parse_number, storage_fault
from uppsikt.domain.indicators import Gender
from uppsikt.domain.problems import DomainError, Location, Problem

FIELDS = ("date", "unit", "measure", "column", "value")
HEADER = ";".join(FIELDS)
MAX_LINES = 100_000
_DATE = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_CODE = re.compile(r"^[\w.\-]{1,100}$")


@dataclass(frozen=True, slots=True)
class ValueLine:
    """One value read from a line: for a year, unit, measure and gender; None is missing."""

    line: int
    year: int
    unit: str
    measure: str
    gender: Gender
    value: Decimal | None


def parse_lines(text: str, source: str = "raderna") -> tuple[list[ValueLine], list[Problem]]:
    """Every value of the text, and every fault with its line and field (`source` names it)."""
    values: list[ValueLine] = []
    problems: list[Problem] = []
    seen: dict[tuple[int, str, str, Gender], int] = {}
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        problems.append(Problem(Location(source), f"högst {MAX_LINES} rader i en sändning"))
        return [], problems
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or (number == 1 and line.lower().replace(" ", "") == HEADER):
            continue
        found, faults = _parse_line(line, number, source)
        problems += faults
        if found is None:
            continue
        key = (found.year, found.unit, found.measure, found.gender)
        if key in seen:
            where = Location(source, number, "measure")
            problems.append(Problem(where, f"samma värde som på rad {seen[key]}"))
            continue
        seen[key] = number
        values.append(found)
    return values, problems


def _parse_line(line: str, number: int, source: str) -> tuple[ValueLine | None, list[Problem]]:
    fields = [part.strip() for part in line.split(";")]
    if len(fields) != len(FIELDS):
        count = f"väntade {len(FIELDS)} fält ({HEADER}), fick {len(fields)}"
        return None, [Problem(Location(source, number, "line"), count)]
    date_text, unit, measure, column, value_text = fields
    problems: list[Problem] = []

    def fault(field: str, message: str) -> None:
        problems.append(Problem(Location(source, number, field), message))

    year = 0
    match = _DATE.match(date_text)
    if match is None:
        fault("date", f"'{date_text}' är inget år eller datum; skriv t.ex. 2023 eller 2023-12-31")
    else:
        year = int(match["year"])
        try:
            date(year, int(match["month"] or 1), int(match["day"] or 1))
        except ValueError:
            fault("date", f"'{date_text}' är inget datum")
    if not _CODE.match(unit):
        fault("unit", "ange enheten, t.ex. kommunens Kolada-id 0126")
    if not _CODE.match(measure):
        fault("measure", "ange måttet: indikatorns kod eller Kolada-id, t.ex. N00945")
    gender = None
    try:
        gender = Gender(column.upper())
    except ValueError:
        fault("column", f"'{column}' är ingen kolumn; välj T (totalt), K (kvinnor) eller M (män)")
    value = None
    if value_text:
        try:
            value = parse_number(value_text)
        except DomainError as error:
            fault("value", str(error))
        else:
            message = storage_fault(value)
            if message:
                fault("value", message)
    if problems or gender is None:
        return None, problems
    return ValueLine(number, year, unit, measure, gender, value), []
