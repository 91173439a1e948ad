"""Narrative sections and their live figures: placeholders resolved from the data.

A placeholder is written `{name}` or `{name|filter|filter}`, e.g.
`{assignments.not_done_this_year|words}`. `{{` and `}}` stand for literal braces.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from uppsikt.domain.economy.money import Unit
from uppsikt.domain.formatting import format_date, format_number, number_in_words
from uppsikt.domain.periods import PeriodKey


@dataclass(frozen=True, slots=True)
class Narrative:
    """A text section for a period, in the Markdown subset, with optional sub-sections."""

    period: PeriodKey
    key: str
    title: str
    body: str = ""
    sections: tuple[Narrative, ...] = ()
    # A draft is still being written; a period is submitted only when no section is a draft.
    draft: bool = False

    def walk(self) -> Iterator[Narrative]:
        """Yield the section and every sub-section, depth first."""
        yield self
        for section in self.sections:
            yield from section.walk()


FigureValue = int | Decimal | date | str


@dataclass(frozen=True, slots=True)
class Figure:
    """A live figure's value (None when the data lacks it) and how to show it.

    An amount has a `unit`: its value is in kronor and it is shown in that unit with
    `decimals`, unless a unit filter asks for another.
    """

    value: FigureValue | None
    description: str
    decimals: int = 0
    unit: Unit | None = None
    error: Decimal = Decimal(0)  # how far the true value may lie from `value` (rounded inputs)


FILTERS = {
    "words": "antal med ord upp till tjugo (tre, åtta), siffror därutöver",
    "abs": "absolutbelopp, utan tecken",
    "capitalize": "stor första bokstav",
    "kr": "belopp i kronor",
    "tkr": "belopp i tusental kronor",
    "mnkr": "belopp i miljoner kronor, en decimal",
    "surplus": "ordet överskott för ett positivt belopp, underskott för ett negativt",
}
UNIT_FILTERS = {unit.value: unit for unit in Unit}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_-]+)*$")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A placeholder found in a text, with its 1-based line within the text."""

    name: str
    filters: tuple[str, ...]
    line: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Something wrong in a text, at a 1-based line within the text."""

    line: int
    message: str


def scan(text: str) -> tuple[list[Placeholder], list[TextProblem]]:
    """Find every placeholder, and every malformed one, in a text."""
    found: list[Placeholder] = []
    problems: list[TextProblem] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        line = text.count("\n", 0, match.start()) + 1
        if token in ("{", "}"):
            problems.append(TextProblem(line, f"ensam klammer '{token}'; skriv {token * 2}"))
            continue
        name, *filters = (part.strip() for part in match.group(1).split("|"))
        if not _NAME.match(name):
            problems.append(TextProblem(line, f"'{match.group(0)}' är ingen giltig platshållare"))
            continue
        unknown = [item for item in filters if item not in FILTERS]
        if unknown:
            problems.append(
                TextProblem(
                    line, f"okänt filter '{unknown[0]}' i {{{name}}}; kända: {', '.join(FILTERS)}"
                )
            )
            continue
        found.append(Placeholder(name, tuple(filters), line, match.start(), match.end()))
    return found, problems


def check(text: str, known: Mapping[str, Figure] | frozenset[str]) -> list[TextProblem]:
    """Problems that would stop `text` from rendering: malformed or unknown placeholders."""
    placeholders, problems = scan(text)
    for item in placeholders:
        if item.name not in known:
            problems.append(TextProblem(item.line, f"okänd levande siffra {{{item.name}}}"))
    return sorted(problems, key=lambda problem: problem.line)


class UnresolvedError(ValueError):
    """A text could not be rendered; carries every problem found."""

    def __init__(self, problems: list[TextProblem]) -> None:
        super().__init__("; ".join(f"rad {p.line}: {p.message}" for p in problems))
        self.problems = problems


MISSING = "–"


def render_figure(figure: Figure, filters: tuple[str, ...]) -> str:
    """Show a figure in Swedish, applying filters in order; missing data shows as a dash."""
    value = figure.value
    if value is None:
        return MISSING
    if "surplus" in filters and isinstance(value, int | Decimal):
        value = "underskott" if value < 0 else "överskott"
    if "abs" in filters and isinstance(value, int | Decimal):
        value = -value if value < 0 else value
    units = [UNIT_FILTERS[name] for name in filters if name in UNIT_FILTERS]
    if "words" in filters and isinstance(value, int):
        text = number_in_words(value)
    elif isinstance(value, int | Decimal) and figure.unit is not None:
        unit = units[-1] if units else figure.unit
        decimals = unit.default_decimals if units else figure.decimals
        text = format_number(unit.from_kronor(Decimal(value)), decimals)
    elif isinstance(value, int | Decimal):
        text = format_number(value, figure.decimals)
    elif isinstance(value, date):
        text = format_date(value)
    else:
        text = value
    if "capitalize" in filters:
        text = text[:1].upper() + text[1:]
    return text


def resolve(text: str, figures: Mapping[str, Figure]) -> str:
    """Replace every placeholder by its figure; raise UnresolvedError naming what failed."""
    problems = check(text, figures)
    if problems:
        raise UnresolvedError(problems)
    placeholders, _ = scan(text)
    parts: list[str] = []
    position = 0
    for item in placeholders:
        parts.append(_unescape(text[position : item.start]))
        parts.append(render_figure(figures[item.name], item.filters))
        position = item.end
    parts.append(_unescape(text[position:]))
    return "".join(parts)


def _unescape(literal: str) -> str:
    return literal.replace("{{", "{").replace("}}", "}")


def missing_figures(text: str, figures: Mapping[str, Figure]) -> list[str]:
    """Names of known figures used in `text` whose data is missing."""
    placeholders, _ = scan(text)
    return [
        item.name
        for item in placeholders
        if item.name in figures and figures[item.name].value is None
    ]
