import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uppsikt.domain.formatting import (
    MINUS,
    NO_BREAK_SPACE,
    format_date,
    format_month,
    format_number,
    format_plain,
    number_in_words,
    parse_number,
    round_half_up,
    storage_fault,
)
from uppsikt.domain.problems import DomainError

NB = NO_BREAK_SPACE


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        ("728162", 0, f"728{NB}162"),
        ("-728162", 0, f"{MINUS}728{NB}162"),
        ("1234567.891", 1, f"1{NB}234{NB}567,9"),
        ("40.7", 1, "40,7"),
        ("0.85", 2, "0,85"),
        ("6.405", 1, "6,4"),
        ("0.05", 1, "0,1"),
        ("-0.05", 1, f"{MINUS}0,1"),
        ("-0.04", 1, "0,0"),
        ("999.5", 0, f"1{NB}000"),
        ("4", 1, "4,0"),
        ("0", 0, "0"),
    ],
)
def test_numbers_print_the_swedish_way(value: str, decimals: int, expected: str) -> None:
    assert format_number(Decimal(value), decimals) == expected


def test_halves_round_away_from_zero() -> None:
    assert round_half_up(Decimal("2.5"), 0) == 3
    assert round_half_up(Decimal("-2.5"), 0) == -3


@pytest.mark.parametrize(
    ("value", "expected"), [("73.5", "73,5"), ("1.000000", "1"), ("975", "975"), ("0.0", "0")]
)
def test_plain_format_shows_the_decimals_the_value_needs(value: str, expected: str) -> None:
    assert format_plain(Decimal(value)) == expected


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=4), st.integers(0, 3))
def test_formatted_numbers_read_back_as_the_rounded_value(value: Decimal, decimals: int) -> None:
    text = format_number(value, decimals)
    back = Decimal(text.replace(NB, "").replace(",", ".").replace(MINUS, "-"))
    assert back == round_half_up(value, decimals)
    assert abs(back - value) <= Decimal(1).scaleb(-decimals) / 2


@pytest.mark.parametrize(("value", "expected"), [(0, "noll"), (1, "en"), (3, "tre"), (8, "åtta")])
def test_small_counts_in_words(value: int, expected: str) -> None:
    assert number_in_words(value) == expected


def test_counts_over_twenty_stay_digits() -> None:
    assert number_in_words(24) == "24"
    assert number_in_words(1500) == f"1{NB}500"


def test_dates_and_months_in_swedish() -> None:
    assert format_date(date(2023, 4, 30)) == "30 april 2023"
    assert format_month(date(2023, 3, 1)) == "mars 2023"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("−6 400", "-6400"),
        ("-6400", "-6400"),
        ("6\u00a0400,5", "6400.5"),
        (" 12.25 ", "12.25"),
        ("+3", "3"),
    ],
)
def test_a_number_is_read_as_a_person_writes_it(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["", "abc", "6 400 kr", "--5"])
def test_anything_else_is_no_number(text: str) -> None:
    with pytest.raises(DomainError, match="är inget tal"):
        parse_number(text)


# text → the number: a comma or a point is always the decimal mark, never a thousands separator.
DECIMAL_MARKS: list[tuple[str, str]] = [
    ("1.234", "1.234"),  # one and 234 thousandths, never 1 234
    ("1,234", "1.234"),
    ("1 234.5", "1234.5"),
    ("1 234,5", "1234.5"),
    ("1\u00a0234\u00a0567", "1234567"),  # thousands grouped only with spaces
]


@pytest.mark.parametrize(("text", "value"), DECIMAL_MARKS)
def test_a_point_or_a_comma_is_always_the_decimal_mark(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


# text → why it is refused: thousands grouped with a mark could be either, so nothing is guessed.
AMBIGUOUS_MARKS: list[tuple[str, str]] = [
    ("1.234,5", "'1.234,5' har både punkt och komma; skriv tusental med mellanslag"),
    ("1,234.5", "'1,234.5' har både punkt och komma"),
    ("1.234.567", "'1.234.567' har flera decimaltecken; skriv tusental med mellanslag"),
    ("1,234,567", "'1,234,567' har flera decimaltecken"),
    ("1,2,3", "har flera decimaltecken"),
    ("−1.234.567,5", "'−1.234.567,5' har både punkt och komma"),
]


@pytest.mark.parametrize(("text", "message"), AMBIGUOUS_MARKS)
def test_a_number_mixing_marks_or_grouped_with_them_is_refused(text: str, message: str) -> None:
    with pytest.raises(DomainError, match=re.escape(message)):
        parse_number(text)


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ("40.123456", None),
        ("-999999999999999999.5", None),
        ("40.1234567", "högst 6 decimaler (värdet har 7)"),
        ("1E18", "högst 18 siffror före decimaltecknet"),
        ("NaN", "värdet är inget ändligt tal"),
    ],
)
def test_a_value_is_kept_only_as_exactly_as_the_database_holds_it(
    value: str, fault: str | None
) -> None:
    assert storage_fault(Decimal(value)) == fault
