"""Where an indicator's values came from, as reports and pages say it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from uppsikt.domain.indicators import IndicatorValue, provenance_lines

NOV_20, DEC_1 = date(2026, 11, 20), date(2026, 12, 1)


def value(year: int, source: str = "", fetched: date | None = None) -> IndicatorValue:
    return IndicatorValue(year, Decimal(1), source=source, fetched=fetched)


@pytest.mark.parametrize(
    ("values", "lines"),
    [
        ([value(2022), value(2023)], []),
        ([value(2022, "Kolada", NOV_20), value(2023)], ["Källa: Kolada, hämtad 2026-11-20"]),
        (
            [value(2023, "Kolada", DEC_1), value(2022, "Kolada", NOV_20)],
            ["Källa: Kolada, hämtad 2026-11-20 och 2026-12-01"],
        ),
        (
            [value(2022, "Kolada", NOV_20), value(2023, "SCB", None)],
            ["Källa: Kolada, hämtad 2026-11-20", "Källa: SCB"],
        ),
    ],
)
def test_each_source_is_named_with_the_days_its_values_were_fetched(
    values: list[IndicatorValue], lines: list[str]
) -> None:
    assert provenance_lines(values) == lines


def test_a_missing_value_keeps_its_source_too() -> None:
    missing = IndicatorValue(2023, None, source="Kolada", fetched=NOV_20)
    assert provenance_lines([missing]) == ["Källa: Kolada, hämtad 2026-11-20"]
