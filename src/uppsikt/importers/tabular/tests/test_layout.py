"""An export's layout from a TOML file, with the command line's options over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppsikt.importers.tabular.layout import (
    Layout,
    columns_of,
    combined,
    delimiter_of,
    read_layout,
)
from uppsikt.importers.tabular.reading import ReadOptions


def test_a_layout_file_gives_the_reading_options_and_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "raindance.toml"
    path.write_text(
        'delimiter = "tab"\ndecimal = "."\nencoding = "cp1252"\nsheet = "HB"\nkind = "budget"\n'
        '[columns]\naccount = "Kontonr"\n',
        encoding="utf-8",
    )
    assert read_layout(path) == Layout(
        ReadOptions(encoding="cp1252", delimiter="\t", sheet="HB", decimal="."),
        {"account": "Kontonr"},
        "budget",
    )


def test_the_command_line_wins_over_the_file_and_columns_merge() -> None:
    layout = Layout(ReadOptions(delimiter=";", decimal="."), {"account": "Konto", "amount": "X"})
    assert combined(layout, columns={"amount": "Belopp"}, decimal=",", sheet=None) == Layout(
        ReadOptions(delimiter=";", decimal=","), {"account": "Konto", "amount": "Belopp"}
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('colums = {account = "K"}', "okända nycklar colums"),
        ('decimal = ";"', "decimaltecknet ';' stöds inte"),
        ('delimiter = "x"', "avgränsaren 'x' stöds inte"),
        ("sheet = 3", "sheet ska vara text"),
        ("[columns]\naccount = 1", r"\[columns\] ska para fält med rubriker"),
        ("delimiter = ", "layout.toml: "),
    ],
)
def test_a_layout_file_with_a_fault_is_refused_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "layout.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_layout(path)


@pytest.mark.parametrize(
    ("text", "delimiter"), [(";", ";"), ("tab", "\t"), ("\t", "\t"), (",", ",")]
)
def test_a_delimiter_may_be_named(text: str, delimiter: str) -> None:
    assert delimiter_of(text) == delimiter


def test_column_pairs_need_a_field_and_a_header() -> None:
    assert columns_of(["amount = Belopp SEK"]) == {"amount": "Belopp SEK"}
    with pytest.raises(ValueError, match=r"skriv t\.ex\. amount=Belopp"):
        columns_of(["amount"])
