"""Cells read as amounts, dates, months, codes, counts and percentages, as Swedish exports write them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from uppsikt.importers.tabular.table import Formula, Value
from uppsikt.importers.tabular.values import (
    parse_amount,
    parse_code,
    parse_count,
    parse_date,
    parse_month,
    parse_percent,
)

# text → the amount, with a decimal comma.
AMOUNTS: list[tuple[str, str]] = [
    ("1234,50", "1234.50"),
    ("1 234,50", "1234.50"),
    ("1\u00a0234\u00a0567,8", "1234567.8"),  # no-break spaces
    ("1\u2009234,50", "1234.50"),  # thin space
    ("1\u202f234,50", "1234.50"),  # narrow no-break space
    ("1.234.567,00", "1234567.00"),  # dots as thousands
    ("-1 234,50", "-1234.50"),
    ("\u22121 234,50", "-1234.50"),  # U+2212 minus
    ("– 12", "-12"),  # an en dash and a space
    ("1 234,50-", "-1234.50"),  # trailing minus
    ("1 234,50 \u2212", "-1234.50"),
    ("(1 234,50)", "-1234.50"),  # parentheses
    ("+12,5", "12.5"),
    ("1 234:-", "1234"),  # whole kronor, not negative
    ("500,-", "500"),
    (",5", "0.5"),
    ("  42  ", "42"),
    ("0", "0"),
]


@pytest.mark.parametrize(("text", "amount"), AMOUNTS)
def test_an_amount_reads_as_swedish_exports_write_it(text: str, amount: str) -> None:
    assert parse_amount(text) == Decimal(amount)


@pytest.mark.parametrize(
    ("text", "amount"),
    [("1,234.50", "1234.50"), ("1 234.5", "1234.5"), ("-0.25", "-0.25"), ("(3.5)", "-3.5")],
)
def test_with_a_decimal_point_commas_group_thousands(text: str, amount: str) -> None:
    assert parse_amount(text, ".") == Decimal(amount)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "1.5",  # a decimal point where a comma is expected: never read as 15
        "1234.50",
        "12,34,5",
        "1 23,5",  # thousands not grouped by three
        "1 234.567,8",  # two kinds of separator
        "--5",
        "(-5)",  # two signs
        "-",
        "5 kr",
        "1e5",
        "NaN",
    ],
)
def test_what_is_not_an_amount_is_refused_never_guessed(text: str) -> None:
    with pytest.raises(ValueError, match="inget belopp"):
        parse_amount(text)


def test_a_decimal_point_where_a_comma_is_expected_says_so() -> None:
    with pytest.raises(ValueError, match=r"'1234\.50' är inget belopp \(decimaltecknet är ','\)"):
        parse_amount("1234.50")


@pytest.mark.parametrize(
    ("value", "amount"),
    [(Decimal("1234.5"), "1234.5"), (Decimal(-7), "-7")],
)
def test_a_workbook_number_is_taken_as_stored(value: Value, amount: str) -> None:
    assert parse_amount(value) == Decimal(amount)


@pytest.mark.parametrize("value", [date(2023, 1, 1), Formula("=A1"), Decimal("Infinity")])
def test_a_date_a_formula_or_infinity_is_no_amount(value: Value) -> None:
    with pytest.raises(ValueError, match=r"inget belopp|räknas aldrig ut"):
        parse_amount(value)


DATES: list[tuple[Value, date]] = [
    ("2023-04-30", date(2023, 4, 30)),
    ("2023-4-3", date(2023, 4, 3)),
    ("2023-04-30 00:00:00", date(2023, 4, 30)),
    ("2023-04-30T13:45", date(2023, 4, 30)),
    ("20230430", date(2023, 4, 30)),
    ("2023/04/30", date(2023, 4, 30)),
    ("2023.04.30", date(2023, 4, 30)),
    ("30.04.2023", date(2023, 4, 30)),
    ("1.4.2023", date(2023, 4, 1)),
    (Decimal(20230430), date(2023, 4, 30)),  # a workbook number
    (date(2023, 4, 30), date(2023, 4, 30)),
]


@pytest.mark.parametrize(("value", "day"), DATES)
def test_a_date_reads_in_the_forms_exports_use(value: Value, day: date) -> None:
    assert parse_date(value) == day


@pytest.mark.parametrize("text", ["2023-02-30", "30/04/2023", "april", "2023-13-01", "230430", ""])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="inget datum"):
        parse_date(text)


MONTHS: list[tuple[Value, tuple[int, int]]] = [
    ("202304", (2023, 4)),
    ("2023-04", (2023, 4)),
    ("2023-4", (2023, 4)),
    ("2023 04", (2023, 4)),
    ("2023/4", (2023, 4)),
    ("4", (2023, 4)),  # a month of the year imported
    ("04", (2023, 4)),
    ("12", (2023, 12)),
    ("2022-12-31", (2022, 12)),
    (Decimal(202304), (2023, 4)),
    (Decimal(4), (2023, 4)),
    (date(2023, 4, 30), (2023, 4)),
]


@pytest.mark.parametrize(("value", "month"), MONTHS)
def test_a_period_reads_as_a_month(value: Value, month: tuple[int, int]) -> None:
    assert parse_month(value, 2023) == month


@pytest.mark.parametrize("text", ["202313", "13", "0", "2023-00", "april", "2023", ""])
def test_what_is_not_a_month_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="ingen månad"):
        parse_month(text, 2023)


@pytest.mark.parametrize(
    ("value", "code"),
    [(" 5010 ", "5010"), (Decimal(5010), "5010"), (Decimal("5010.0"), "5010"), ("0123", "0123")],
)
def test_a_code_is_text_and_a_whole_workbook_number_has_no_decimals(
    value: Value, code: str
) -> None:
    assert parse_code(value) == code


@pytest.mark.parametrize(("text", "count"), [("1 234", 1234), ("0", 0), (Decimal(12), 12)])
def test_a_count_is_a_whole_number(text: Value, count: int) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize("text", ["-1", "12,5", "x"])
def test_a_count_below_zero_or_with_a_fraction_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="inget"):
        parse_count(text)


# text, the decimal mark stated → the count read by that mark.
COUNTS_BY_MARK: list[tuple[str, str, int]] = [
    ("1.234", ",", 1234),  # with a decimal comma a dot groups thousands
    ("1 234,0", ",", 1234),
    ("1,234", ".", 1234),  # with a decimal point a comma groups thousands
    ("1 234", ".", 1234),
    ("1 234.0", ".", 1234),
]


@pytest.mark.parametrize(("text", "decimal", "count"), COUNTS_BY_MARK)
def test_a_count_is_read_by_the_decimal_mark_stated(text: str, decimal: str, count: int) -> None:
    assert parse_count(text, decimal) == count


# text, the decimal mark stated → why it is no count; nothing is guessed.
COUNTS_REFUSED_BY_MARK: list[tuple[str, str, str]] = [
    ("1.234", ".", r"'1\.234' är inget helt antal"),  # one and a fraction, never 1 234
    ("1.5", ".", "inget helt antal"),
    ("1,5", ",", "inget helt antal"),
    ("1,234", ",", "inget helt antal"),  # with a decimal comma, one and a fraction
    ("1.5", ",", r"inget belopp \(decimaltecknet är ','\)"),
    ("1.234,0", ".", "inget belopp"),  # a comma after a dot fits neither mark
    ("1 234", ";", "decimaltecknet ';' stöds inte"),
]


@pytest.mark.parametrize(("text", "decimal", "message"), COUNTS_REFUSED_BY_MARK)
def test_a_count_that_does_not_fit_the_decimal_mark_is_refused(
    text: str, decimal: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_count(text, decimal)


@pytest.mark.parametrize(
    ("text", "percent"),
    [("4,5", "4.5"), ("4,5 %", "4.5"), ("4,5%", "4.5"), ("100", "100"), (Decimal("6.25"), "6.25")],
)
def test_a_percentage_reads_with_or_without_its_sign(text: Value, percent: str) -> None:
    assert parse_percent(text) == Decimal(percent)


@pytest.mark.parametrize(
    ("text", "message"),
    [("101", "ligger inte mellan 0 och 100"), ("-1", "ligger inte"), ("hög", "ingen procentsats")],
)
def test_a_percentage_outside_0_to_100_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_percent(text)
