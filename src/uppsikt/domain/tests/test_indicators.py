from decimal import Decimal

import pytest

from uppsikt.domain.formatting import MINUS
from uppsikt.domain.indicators import (
    Attainment,
    Comparator,
    Gender,
    Indicator,
    IndicatorValue,
    Polarity,
    Source,
    SourceKind,
    Target,
    Trend,
    attainment,
    trend,
)
from uppsikt.domain.problems import DomainError

D = Decimal
MET, NOT_MET, NO_VALUE, NO_TARGET = (
    Attainment.MET,
    Attainment.NOT_MET,
    Attainment.NO_VALUE,
    Attainment.NO_TARGET,
)


def target(text: str) -> Target | None:
    """`">= 38"` → a target for 2023; `"- -"` → no target."""
    if text.startswith("-"):
        return None
    comparator, value = text.split()
    return Target(Comparator.parse(comparator), D(value), 2023)


def value(text: str) -> Decimal | None:
    return None if text == "-" else D(text)


# value, target, attainment
ATTAINMENT_CASES = """
    40      <= 38    not_met
    38      <= 38    met
    37      <= 38    met
    38      < 38     not_met
    37.9    < 38     met
    73      > 73.5   not_met
    73.6    > 73.5   met
    73.5    > 73.5   not_met
    975     >= 975   met
    974     >= 975   not_met
    0       = 0      met
    0.0     = 0      met
    0.1     = 0      not_met
    -0.1    = 0      not_met
    -       >= 975   no_value
    -       = 0      no_value
    0       -  -     no_target
    -       -  -     no_target
"""


@pytest.mark.parametrize(
    ("value_text", "comparator", "target_value", "expected"),
    [tuple(line.split()) for line in ATTAINMENT_CASES.strip().splitlines()],
)
def test_attainment_for_every_comparator_and_missing_value_or_target(
    value_text: str, comparator: str, target_value: str, expected: str
) -> None:
    wanted = target(f"{comparator} {target_value}")
    assert attainment(value(value_text), wanted) is Attainment(expected)


# current, previous, polarity, decimals, trend
TREND_CASES = """
    44    40    lower    0   worse
    40    44    lower    0   better
    44    44    lower    0   unchanged
    48.3  40.7  higher   1   better
    40.7  48.3  higher   1   worse
    0.2   0.9   neutral  1   down
    0.9   0.2   neutral  1   up
    0.9   0.9   neutral  1   unchanged
    4.04  4.0   higher   1   unchanged
    4.06  4.0   higher   1   better
    -     40    higher   0   unknown
    40    -     lower    0   unknown
    -     -     neutral  0   unknown
    0     -     higher   0   unknown
"""


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "decimals", "expected"),
    [tuple(line.split()) for line in TREND_CASES.strip().splitlines()],
)
def test_trend_for_every_polarity_with_missing_values_never_zero(
    current: str, previous: str, polarity: str, decimals: str, expected: str
) -> None:
    assert trend(value(current), value(previous), Polarity(polarity), int(decimals)) is Trend(
        expected
    )


def test_trend_without_decimals_compares_exactly() -> None:
    assert trend(D("4.04"), D("4.0"), Polarity.HIGHER) is Trend.BETTER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (">", ">"),
        (">=", ">="),
        ("≥", ">="),
        ("=>", ">="),
        ("<", "<"),
        ("<=", "<="),
        ("≤", "<="),
        ("=", "="),
        (" = ", "="),
    ],
)
def test_comparators_are_read_in_ascii_and_typographic_form(text: str, expected: str) -> None:
    assert Comparator.parse(text) is Comparator(expected)


def test_an_unknown_comparator_is_refused_with_the_allowed_ones() -> None:
    with pytest.raises(DomainError, match="'!=' är ingen jämförelse"):
        Comparator.parse("!=")


def test_comparators_print_typographic_symbols() -> None:
    assert [item.symbol for item in Comparator] == [">", "≥", "<", "≤", "="]


@pytest.mark.parametrize(
    ("text", "kind", "reference"),
    [
        ("manual", SourceKind.MANUAL, ""),
        ("kolada:N15428", SourceKind.KOLADA, "N15428"),
        ("file:hr-export", SourceKind.FILE, "hr-export"),
    ],
)
def test_sources_read_and_print_the_same(text: str, kind: SourceKind, reference: str) -> None:
    source = Source.parse(text)
    assert (source.kind, source.reference, str(source)) == (kind, reference, text)


@pytest.mark.parametrize("text", ["kolada", "kolada:", "manual:x", "survey:x"])
def test_a_source_must_name_its_kpi_or_file_and_be_known(text: str) -> None:
    with pytest.raises(DomainError):
        Source.parse(text)


def indicator(
    values: dict[int, str], milestone: str = "-", long_term: str = "-", polarity: str = "higher"
) -> Indicator:
    milestone_target = target(milestone)
    long_target = target(long_term)
    return Indicator(
        code="I1",
        name="Test",
        unit="%",
        decimals=1,
        polarity=Polarity(polarity),
        values=tuple(IndicatorValue(year, value(text)) for year, text in values.items()),
        milestone=milestone_target,
        long_term=Target(long_target.comparator, long_target.value, 2030) if long_target else None,
    )


def test_milestone_attainment_uses_the_value_of_the_milestones_year() -> None:
    assert indicator({2022: "40", 2023: "37"}, "<= 38").milestone_attainment() is MET
    assert indicator({2022: "37"}, "<= 38").milestone_attainment() is NO_VALUE
    assert indicator({2022: "37", 2023: "-"}, "<= 38").milestone_attainment() is NO_VALUE
    assert indicator({2023: "37"}).milestone_attainment() is NO_TARGET


def test_long_term_attainment_uses_the_latest_present_value() -> None:
    item = indicator({2021: "96.6", 2022: "97", 2023: "-"}, long_term=">= 96.6")
    assert item.long_term_attainment() is MET
    assert item.latest() == IndicatorValue(2022, D("97"))


def test_indicator_trend_compares_with_the_year_before() -> None:
    item = indicator({2021: "40", 2022: "44"}, polarity="lower")
    assert item.trend(2022) is Trend.WORSE
    assert item.trend(2023) is Trend.UNKNOWN


def test_gender_split_values_are_kept_apart() -> None:
    item = Indicator(
        "I1",
        "Sjukfrånvaro",
        "%",
        1,
        Polarity.LOWER,
        values=(
            IndicatorValue(2022, D("8.6")),
            IndicatorValue(2022, D("10.1"), Gender.WOMEN),
            IndicatorValue(2022, D("4.2"), Gender.MEN),
        ),
    )
    assert [item.value(2022, gender) for gender in Gender] == [D("8.6"), D("10.1"), D("4.2")]
    assert item.value(2021, Gender.WOMEN) is None


def test_attainment_and_trend_speak_swedish_with_symbols() -> None:
    assert (MET.symbol, MET.label) == ("✔", "Uppnått")
    assert (Trend.WORSE.symbol, Trend.WORSE.label) == ("↘", "Försämring")
    assert all(item.label and item.symbol for item in [*Attainment, *Trend])


@pytest.mark.parametrize(
    ("comparator", "value", "note", "expected"),
    [
        (">=", "975", "per år", "≥975 per år"),
        (">", "73.5", "", ">73,5"),
        ("=", "1.000", "", "1"),
        ("<=", "6.9", "", "≤6,9"),
        ("<", "-0.5", "", f"<{MINUS}0,5"),
    ],
)
def test_targets_read_as_published(comparator: str, value: str, note: str, expected: str) -> None:
    assert Target(Comparator(comparator), D(value), 2023, note).text == expected
