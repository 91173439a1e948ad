"""Indicator values taken from elsewhere keep their source and fetch date in the dataset format."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from uppsikt.domain.indicators import Gender, IndicatorValue
from uppsikt.importers.dataset import dump_dataset, parse_dataset

MINIMAL = (Path(__file__).parent / "testdata" / "minimal.yaml").read_text(encoding="utf-8")
FETCHED = date(2026, 11, 20)
WITH_SOURCES = MINIMAL.replace(
    "              2021: 88.5\n",
    "              2020: {value: 87.0, source: Kolada, fetched: 2026-11-20}\n"
    "              2021: 88.5\n"
    "              2024: {T: {value: null, source: Kolada, fetched: 2026-11-20}, K: 1.5}\n",
)


def test_a_value_with_its_source_and_fetch_date_reads_into_the_domain() -> None:
    dataset, problems = parse_dataset(WITH_SOURCES, "dataset.yaml")
    assert problems == []
    assert dataset is not None
    values = dataset.committee("BN").goals[0].indicators[0].values
    assert values[0] == IndicatorValue(2020, Decimal("87.0"), Gender.TOTAL, "Kolada", FETCHED)
    assert values[-2:] == (
        IndicatorValue(2024, None, Gender.TOTAL, "Kolada", FETCHED),
        IndicatorValue(2024, Decimal("1.5"), Gender.WOMEN),
    )


def test_writing_and_reading_back_keeps_sources_and_fetch_dates() -> None:
    dataset, _ = parse_dataset(WITH_SOURCES, "dataset.yaml")
    assert dataset is not None
    text = dump_dataset(dataset)
    assert "source: Kolada" in text
    assert "fetched: 2026-11-20" in text
    again, problems = parse_dataset(text, "dump.yaml")
    assert problems == []
    assert again == dataset
    assert again is not None
    assert dump_dataset(again) == text


def test_a_bad_fetch_date_or_field_names_its_place() -> None:
    broken = WITH_SOURCES.replace(
        "fetched: 2026-11-20}\n              2021", "fetched: i går}\n              2021"
    )
    broken = broken.replace("K: 1.5}", "K: {värde: 1.5}}")
    dataset, problems = parse_dataset(broken, "dataset.yaml")
    assert dataset is None
    messages = [str(problem) for problem in problems]
    assert any("values.2020.fetched: 'i går' är inget datum" in text for text in messages), messages
    assert any(
        "values.2024.K.värde: okänt fält 'värde' i indicator_value" in text for text in messages
    ), messages
