"""How pages show a status, an assessment level and an indicator's line: by symbol and word.

Shared by the overview and the goal pages, so that an indicator reads the same on both.
"""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.domain.formatting import format_number
from uppsikt.domain.indicators import Indicator, Source, SourceKind, provenance_lines
from uppsikt.domain.vocabularies import AssessmentLevel, Status


@dataclass(frozen=True)
class StatusCell:
    """A status shown by symbol and word; colour is only a class for styling."""

    symbol: str
    label: str
    colour: str

    @classmethod
    def of(cls, status: Status | AssessmentLevel | None, missing: str = "Ej angiven") -> StatusCell:
        """The cell for a status or assessment level; none shows as a dash and `missing`."""
        if status is None:
            return cls("–", missing, "grey")
        return cls(status.symbol, status.label, status.colour.value if status.colour else "grey")


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator's line in a goal's table of indicators."""

    name: str
    values: list[str]
    milestone: str
    long_term: str
    attainment: StatusCell
    trend: StatusCell
    source: str = ""
    provenance: str = ""  # where the values shown came from: `Källa: Kolada, hämtad 2026-11-20`


def source_text(source: Source) -> str:
    """Where the values come from, in words: `Manuell`, `Kolada N15428`, `Fil hme.xlsx`."""
    if source.kind is SourceKind.KOLADA:
        return f"Kolada {source.reference}"
    if source.kind is SourceKind.FILE:
        return f"Fil {source.reference}"
    return "Manuell"


def _value(indicator: Indicator, year: int) -> str:
    if not any(item.year == year for item in indicator.values):
        return ""
    value = indicator.value(year)
    return "–" if value is None else format_number(value, indicator.decimals)


def indicator_row(indicator: Indicator, years: list[int], year: int) -> IndicatorRow:
    """The indicator's values for `years`, its targets, attainment and trend up to `year`."""
    attainment = indicator.milestone_attainment()
    trend = indicator.trend(year - 1) if indicator.value(year) is None else indicator.trend(year)
    return IndicatorRow(
        name=indicator.name,
        values=[_value(indicator, item) for item in years],
        milestone=indicator.milestone.text if indicator.milestone else "",
        long_term=indicator.long_term.text if indicator.long_term else "",
        attainment=StatusCell(attainment.symbol, attainment.label, attainment.value),
        trend=StatusCell(trend.symbol, trend.label, trend.value),
        source=source_text(indicator.source),
        provenance="; ".join(
            provenance_lines(item for item in indicator.values if item.year in years)
        ),
    )
