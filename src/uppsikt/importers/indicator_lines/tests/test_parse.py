"""Reading value lines: each value with its line, each fault with its line and field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from uppsikt.domain.indicators import Gender
from uppsikt.importers.indicator_lines.parse import ValueLine, parse_lines


def test_lines_become_values_with_their_line_numbers() -> None:
    text = "date;unit;measure;column;value\n2023;0126;N00945;T;40,5\n\n2023-12-31;0126;N00945;K;\n"
    values, problems = parse_lines(text)
    assert problems == []
    assert values == [
        ValueLine(2, 2023, "0126", "N00945", Gender.TOTAL, Decimal("40.5")),
        ValueLine(4, 2023, "0126", "N00945", Gender.WOMEN, None),
    ]


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("2023;0126;N00945;T", "line"),
        ("2023-02-30;0126;N00945;T;1", "date"),
        ("23;0126;N00945;T;1", "date"),
        (";0126;N00945;T;1", "date"),
        ("2023;;N00945;T;1", "unit"),
        ("2023;0126;;T;1", "measure"),
        ("2023;0126;N00945;kvinnor;1", "column"),
        ("2023;0126;N00945;T;1.2.3", "value"),
        ("2023;0126;N00945;T;0,0000001", "value"),
        ("2023;0126;N00945;T;1000000000000000000", "value"),
    ],
)
def test_a_fault_is_named_by_its_line_and_field(line: str, field: str) -> None:
    values, problems = parse_lines(f"2023;0126;N00945;M;1\n{line}\n", "raderna")
    assert len(values) == 1
    assert [(item.location.line, item.location.field) for item in problems] == [(2, field)]


def test_a_value_given_twice_is_refused_naming_the_first_line() -> None:
    _, problems = parse_lines("2023;0126;N00945;T;1\n2023-06;0126;N00945;t;2\n")
    assert [str(item) for item in problems] == ["raderna:2: measure: samma värde som på rad 1"]


@pytest.mark.parametrize("text", ["−6,5", "-6.5", " -6,5 "])
def test_a_value_takes_a_decimal_comma_or_point_and_either_minus(text: str) -> None:
    values, problems = parse_lines(f"2023;0126;N00945;T;{text}")
    assert problems == []
    assert values[0].value == Decimal("-6.5")
