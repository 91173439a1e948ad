"""An HR system's monthly export as personnel figures: headcount, turnover, sick leave by gender.

One row per month and gender (`Kön`: T, K or M; totalt, kvinnor, män; blank is T), with a
column per figure: `Antal anställda` (at the month's end), `Personalomsättning` (percent over
the twelve months ending with the month), `Sjukfrånvaro` (percent of scheduled time in the
month) and, where the export has them, `Sjukfrånvaro 1–14 dagar`, `Sjukfrånvaro 15– dagar` and
`Sjukfrånvaro över 180 dagar` (each for the month, or for the twelve months ending with it when
the import says so). A blank cell is no figure, never zero. The month is the row's
period, its year and month, or its date, as in the ledger export.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import (
    Headcount,
    SickLeave,
    SickLeaveBasis,
    SickLeaveLength,
    Turnover,
)
from uppsikt.domain.problems import Problem
from uppsikt.importers.tabular.columns import (
    TIME,
    TIME_FIELDS,
    Cells,
    check_columns,
    data_rows,
    find_header,
)
from uppsikt.importers.tabular.reading import ReadOptions, open_table
from uppsikt.importers.tabular.table import Source, Value
from uppsikt.importers.tabular.values import parse_count, parse_percent, text_of

# Each sick-leave figure's field and the length of absence it counts.
SICK_LEAVE = {
    "sick_leave": SickLeaveLength.TOTAL,
    "sick_leave_short": SickLeaveLength.SHORT,
    "sick_leave_over_14": SickLeaveLength.OVER_14,
    "sick_leave_long": SickLeaveLength.LONG,
}
FIGURES = ("headcount", "turnover", *SICK_LEAVE)

# Each field and the headers that name it by default (compared as `columns.normalise` does).
HR_FIELDS: dict[str, tuple[str, ...]] = {
    **TIME_FIELDS,
    "gender": ("kön",),
    "headcount": ("antal anställda", "anställda", "antal medarbetare"),
    "turnover": ("personalomsättning", "personalomsättning rullande 12 månader"),
    "sick_leave": ("sjukfrånvaro", "sjukfrånvaro totalt", "total sjukfrånvaro"),
    "sick_leave_short": ("sjukfrånvaro 1-14 dagar", "korttidssjukfrånvaro"),
    "sick_leave_over_14": ("sjukfrånvaro 15- dagar", "sjukfrånvaro över 14 dagar"),
    "sick_leave_long": ("sjukfrånvaro över 180 dagar", "sjukfrånvaro 181- dagar"),
}
HR_NEEDS = (TIME, FIGURES)

GENDER_WORDS = {
    "t": Gender.TOTAL,
    "totalt": Gender.TOTAL,
    "total": Gender.TOTAL,
    "alla": Gender.TOTAL,
    "samtliga": Gender.TOTAL,
    "k": Gender.WOMEN,
    "kvinnor": Gender.WOMEN,
    "kvinna": Gender.WOMEN,
    "m": Gender.MEN,
    "män": Gender.MEN,
    "man": Gender.MEN,
}

Month = tuple[int, int]


@dataclass
class HrTable:
    """A year's personnel figures from an export, the months each figure has, and problems."""

    source: Source
    headcount: list[Headcount] = field(default_factory=list)
    turnover: list[Turnover] = field(default_factory=list)
    sick_leave: list[SickLeave] = field(default_factory=list)
    months: dict[str, set[Month]] = field(default_factory=dict)  # figure → months given
    lines: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_hr(
    path: Path,
    year: int,
    *,
    options: ReadOptions | None = None,
    columns: Mapping[str, str] | None = None,
    basis: SickLeaveBasis = SickLeaveBasis.MONTH,
    name: str = "",
) -> HrTable:
    """The export's figures for `year`: every month and gender given, blank cells left out.

    The sick-leave figures are for the month itself, or for the twelve months ending with it
    as `basis` says.

    Raises ValueError for a configured field that is none of `HR_FIELDS`, and TabularError when
    the table cannot be read at all.
    """
    options = options or ReadOptions()
    columns = columns or {}
    check_columns(columns, HR_FIELDS)
    source, rows = open_table(path, options, name)
    found = HrTable(source)
    header = find_header(rows, source, HR_FIELDS, columns, HR_NEEDS)
    seen: dict[tuple[str, Month, Gender], Decimal] = {}
    elsewhere = 0
    for row in data_rows(rows, source, header, found.problems):
        found.lines += 1
        cells = Cells(source, header, row, found.problems)
        month = cells.month(year)
        gender = cells.optional("gender", _parse_gender, "tabular.bad-gender") or Gender.TOTAL
        figures = _figures(cells, options.decimal)
        if cells.failed or month is None:
            continue
        if month[0] != year:
            elsewhere += 1
            continue
        for figure, value in figures.items():
            key = (figure, month, gender)
            if key in seen:
                if seen[key] != value:
                    cells.fault(
                        "tabular.duplicate",
                        f"{figure} för {month[0]}-{month[1]:02d} och kön {gender.value} står "
                        f"redan som {seen[key]}; {value} lämnas utanför",
                        figure,
                    )
                continue
            seen[key] = value
            found.months.setdefault(figure, set()).add(month)
            _add(found, key, value, basis)
    if elsewhere:
        found.problems.append(
            source.fault("tabular.outside-year", f"{elsewhere} rader gäller andra år än {year}")
        )
    return found


def _figures(cells: Cells, decimal: str) -> dict[str, Decimal]:
    values: dict[str, Decimal] = {}

    def count_of(value: Value) -> int:
        return parse_count(value, decimal)

    count = cells.optional("headcount", count_of, "tabular.bad-count")
    if count is not None:
        values["headcount"] = Decimal(count)
    for figure in FIGURES[1:]:

        def parse(value: Value) -> Decimal:
            return parse_percent(value, decimal)

        percent = cells.optional(figure, parse, "tabular.bad-percent")
        if percent is not None:
            values[figure] = percent
    return values


def _add(
    found: HrTable, key: tuple[str, Month, Gender], value: Decimal, basis: SickLeaveBasis
) -> None:
    figure, month, gender = key
    first = date(month[0], month[1], 1)
    last = first.replace(day=calendar.monthrange(month[0], month[1])[1])
    if figure == "headcount":
        found.headcount.append(Headcount(last, int(value), gender=gender))
    elif figure == "turnover":
        found.turnover.append(Turnover(last, value, gender=gender))
    else:
        found.sick_leave.append(SickLeave(first, value, gender, SICK_LEAVE[figure], basis))


def _parse_gender(value: Value) -> Gender:
    text = text_of(value)
    gender = GENDER_WORDS.get(text.casefold())
    if gender is None:
        raise ValueError(f"{text!r} är inget kön; skriv T, K eller M")
    return gender
