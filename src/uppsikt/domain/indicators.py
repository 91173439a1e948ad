"""Indicators with values per year and gender, targets, and computed attainment and trend."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from uppsikt.domain.formatting import format_plain
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError


class Comparator(StrEnum):
    """How a value is compared with a target."""

    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    EQ = "="

    @property
    def symbol(self) -> str:
        """The typographic symbol used in reports."""
        return {">=": "≥", "<=": "≤"}.get(self.value, self.value)

    @classmethod
    def parse(cls, text: str) -> Comparator:
        """Read a comparator written as `>`, `>=`, `≥`, `<`, `<=`, `≤` or `=`."""
        normal = {"≥": ">=", "=>": ">=", "≤": "<=", "=<": "<=", "==": "="}.get(
            text.strip(), text.strip()
        )
        try:
            return cls(normal)
        except ValueError:
            raise DomainError(
                f"'{text}' är ingen jämförelse; använd >, >=, <, <= eller ="
            ) from None

    def holds(self, value: Decimal, target: Decimal) -> bool:
        """Whether `value <op> target` is true."""
        if self is Comparator.GT:
            return value > target
        if self is Comparator.GE:
            return value >= target
        if self is Comparator.LT:
            return value < target
        if self is Comparator.LE:
            return value <= target
        return value == target


class Polarity(StrEnum):
    """Which direction of change is an improvement."""

    HIGHER = "higher"
    LOWER = "lower"
    NEUTRAL = "neutral"


class Gender(StrEnum):
    """Gender split as in Kolada: total, women (kvinnor), men (män)."""

    TOTAL = "T"
    WOMEN = "K"
    MEN = "M"


class SourceKind(StrEnum):
    """Where an indicator's values come from."""

    MANUAL = "manual"
    KOLADA = "kolada"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Source:
    """An indicator's source: manual entry, a Kolada KPI id, or a named file."""

    kind: SourceKind = SourceKind.MANUAL
    reference: str = ""

    def __post_init__(self) -> None:
        if (self.kind is SourceKind.MANUAL) == bool(self.reference):
            raise DomainError("a Kolada or file source names its KPI or file; manual names none")

    @classmethod
    def parse(cls, text: str) -> Source:
        """Read `manual`, `kolada:N15428` or `file:NAME`."""
        kind, _, reference = text.strip().partition(":")
        try:
            return cls(SourceKind(kind), reference.strip())
        except ValueError:
            raise DomainError(
                f"'{text}' är ingen källa; skriv manual, kolada:KPI-ID eller file:NAMN"
            ) from None

    def __str__(self) -> str:
        return self.kind.value if not self.reference else f"{self.kind.value}:{self.reference}"


@dataclass(frozen=True, slots=True)
class Target:
    """A target: a comparator and value for a year, with an optional note such as "per år"."""

    comparator: Comparator
    value: Decimal
    year: int
    note: str = ""

    def is_met_by(self, value: Decimal) -> bool:
        """Whether `value` meets this target."""
        return self.comparator.holds(value, self.value)

    @property
    def text(self) -> str:
        """The target as reports show it: `≥975 per år`, `>73,5`; `=` is shown as the bare value."""
        symbol = "" if self.comparator is Comparator.EQ else self.comparator.symbol
        note = f" {self.note}" if self.note else ""
        return f"{symbol}{format_plain(self.value)}{note}"


class Attainment(StrEnum):
    """Whether an indicator value meets its target; missing stays missing."""

    MET = "met"
    NOT_MET = "not_met"
    NO_VALUE = "no_value"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        """The Swedish word shown next to the symbol."""
        return ATTAINMENT_LABELS[self]

    @property
    def symbol(self) -> str:
        """A symbol that carries the meaning without colour."""
        return ATTAINMENT_SYMBOLS[self]


ATTAINMENT_LABELS = {
    Attainment.MET: "Uppnått",
    Attainment.NOT_MET: "Ej uppnått",
    Attainment.NO_VALUE: "Värde saknas",
    Attainment.NO_TARGET: "Mål saknas",
}
ATTAINMENT_SYMBOLS = {
    Attainment.MET: "✔",
    Attainment.NOT_MET: "✖",
    Attainment.NO_VALUE: "–",
    Attainment.NO_TARGET: "–",
}


def attainment(value: Decimal | None, target: Target | None) -> Attainment:
    """Compare a value with a target; a missing target or value is reported, never guessed."""
    if target is None:
        return Attainment.NO_TARGET
    if value is None:
        return Attainment.NO_VALUE
    return Attainment.MET if target.is_met_by(value) else Attainment.NOT_MET


class Trend(StrEnum):
    """The change from one value to the next, judged by the indicator's polarity."""

    BETTER = "better"
    WORSE = "worse"
    UNCHANGED = "unchanged"
    UP = "up"
    DOWN = "down"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """The Swedish word shown next to the arrow."""
        return TREND_LABELS[self]

    @property
    def symbol(self) -> str:
        """An arrow; for judged trends it points up for better, down for worse."""
        return TREND_SYMBOLS[self]


TREND_LABELS = {
    Trend.BETTER: "Förbättring",
    Trend.WORSE: "Försämring",
    Trend.UNCHANGED: "Oförändrat",
    Trend.UP: "Ökning",
    Trend.DOWN: "Minskning",
    Trend.UNKNOWN: "Kan inte bedömas",
}
TREND_SYMBOLS = {
    Trend.BETTER: "↗",
    Trend.WORSE: "↘",
    Trend.UNCHANGED: "→",
    Trend.UP: "↑",
    Trend.DOWN: "↓",
    Trend.UNKNOWN: "–",
}


def trend(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: Polarity,
    decimals: int | None = None,
) -> Trend:
    """The trend from `previous` to `current`, compared at `decimals` places when given."""
    if current is None or previous is None:
        return Trend.UNKNOWN
    if decimals is not None:
        step = Decimal(1).scaleb(-decimals)
        current, previous = current.quantize(step), previous.quantize(step)
    if current == previous:
        return Trend.UNCHANGED
    rising = current > previous
    if polarity is Polarity.NEUTRAL:
        return Trend.UP if rising else Trend.DOWN
    return Trend.BETTER if rising == (polarity is Polarity.HIGHER) else Trend.WORSE


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """A value for a year and gender; `value` None means published as having no value.

    `source` and `fetched` say where the value was taken from and when (e.g. "Kolada" and the
    day it was fetched); "" and None for a value typed by hand.
    """

    year: int
    value: Decimal | None
    gender: Gender = Gender.TOTAL
    source: str = ""
    fetched: date | None = None


def source_notes(values: Iterable[IndicatorValue]) -> list[str]:
    """Where values came from, one note per source: `Kolada, hämtad 2026-11-20`.

    Sources in the order first met; each with its fetch dates, earliest first.
    """
    dates: dict[str, set[date]] = {}
    for item in values:
        if item.source:
            dates.setdefault(item.source, set()).update([item.fetched] if item.fetched else [])
    notes = []
    for source, days in dates.items():
        shown = [day.isoformat() for day in sorted(days)]
        when = ", ".join(shown[:-1]) + " och " + shown[-1] if len(shown) > 1 else "".join(shown)
        notes.append(f"{source}, hämtad {when}" if when else source)
    return notes


def provenance_lines(values: Iterable[IndicatorValue]) -> list[str]:
    """Where values came from, as shown with them: `Källa: Kolada, hämtad 2026-11-20`."""
    return [f"Källa: {note}" for note in source_notes(values)]


def canonical_order(values: Iterable[IndicatorValue]) -> tuple[IndicatorValue, ...]:
    """Values by year, then total, women, men: the one order used everywhere."""
    genders = list(Gender)
    return tuple(sorted(values, key=lambda item: (item.year, genders.index(item.gender))))


@dataclass(frozen=True, slots=True)
class PeriodText:
    """A text written for one period, such as a comment."""

    period: PeriodKey
    text: str


def text_for(texts: tuple[PeriodText, ...], period: PeriodKey) -> str:
    """The text written for `period`, or the empty string."""
    return next((item.text for item in texts if item.period == period), "")


@dataclass(frozen=True, slots=True)
class Indicator:
    """An indicator of a committee goal."""

    code: str
    name: str
    unit: str
    decimals: int
    polarity: Polarity
    source: Source = Source()
    values: tuple[IndicatorValue, ...] = ()
    milestone: Target | None = None
    long_term: Target | None = None
    comments: tuple[PeriodText, ...] = ()

    def value(self, year: int, gender: Gender = Gender.TOTAL) -> Decimal | None:
        """The value for a year and gender, None when missing."""
        for item in self.values:
            if item.year == year and item.gender is gender:
                return item.value
        return None

    def years(self) -> list[int]:
        """The years that have a value entry (possibly an empty one), ascending."""
        return sorted({item.year for item in self.values})

    def latest(
        self, gender: Gender = Gender.TOTAL, up_to: int | None = None
    ) -> IndicatorValue | None:
        """The most recent entry with a value, at or before `up_to` when given."""
        present = [
            item
            for item in self.values
            if item.gender is gender
            and item.value is not None
            and (up_to is None or item.year <= up_to)
        ]
        return max(present, key=lambda item: item.year, default=None)

    def milestone_attainment(self, gender: Gender = Gender.TOTAL) -> Attainment:
        """Attainment of the milestone target by the value of the milestone's year."""
        if self.milestone is None:
            return Attainment.NO_TARGET
        return attainment(self.value(self.milestone.year, gender), self.milestone)

    def long_term_attainment(self, gender: Gender = Gender.TOTAL) -> Attainment:
        """Attainment of the long-term target by the latest value."""
        latest = self.latest(gender)
        return attainment(latest.value if latest else None, self.long_term)

    def trend(self, year: int, gender: Gender = Gender.TOTAL) -> Trend:
        """The trend from the year before `year` to `year`."""
        return trend(
            self.value(year, gender), self.value(year - 1, gender), self.polarity, self.decimals
        )

    def comment(self, period: PeriodKey) -> str:
        """The comment written for `period`."""
        return text_for(self.comments, period)

    def provenance(self) -> list[str]:
        """Where the indicator's values came from, e.g. `Källa: Kolada, hämtad 2026-11-20`."""
        return provenance_lines(self.values)
