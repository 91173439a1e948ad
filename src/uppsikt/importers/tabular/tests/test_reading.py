"""Reading a table: the encoding told from the bytes, the delimiter sniffed, rows with their places."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from uppsikt.importers.tabular.reading import ReadOptions, open_table
from uppsikt.importers.tabular.table import Formula, Row, Source, TabularError, column_letter
from uppsikt.importers.tabular.text import detect_encoding, sniff_delimiter


def read_all(path: Path, options: ReadOptions) -> list[Row]:
    """Every row of the table, read to the end."""
    _, rows = open_table(path, options, "export.csv")
    return list(rows)


TEXT = "Konto;Ansvar;Belopp\n5010;Förvaltning Övre;1 234,50\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp1252"), "cp1252"),
        (TEXT.encode("latin-1") + b"\x81", "latin-1"),  # a byte Windows-1252 leaves undefined
        (TEXT.encode("utf-16"), "utf-16"),
        (b"Konto;Belopp\n5010;12\n", "utf-8"),  # plain ASCII
    ],
)
def test_the_encoding_is_told_from_the_bytes(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert detect_encoding(path) == encoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_swedish_letters_arrive_whatever_the_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(TEXT.encode(encoding))
    _, rows = open_table(path, ReadOptions())
    assert [row.cells for row in rows] == [
        ("Konto", "Ansvar", "Belopp"),
        ("5010", "Förvaltning Övre", "1 234,50"),
    ]


def test_a_euro_sign_and_a_dash_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Text;Belopp\nHyra – €;5\n".encode("cp1252"))
    _, rows = open_table(path, ReadOptions())
    assert list(rows)[1].cells == ("Hyra – €", "5")


@pytest.mark.parametrize(
    ("lines", "delimiter"),
    [
        (["Konto;Belopp", "5010;1 234,50", "5020;12,00"], ";"),
        (["Konto\tBelopp", "5010\t1 234,50"], "\t"),
        (["Konto,Belopp", "5010,1234.50", "5020,12"], ","),
        # decimal commas split evenly only on the semicolons
        (["Konto;Ansvar;Belopp", "5010;1100;12,50", "5020;1100;3,00"], ";"),
        # a title line above the header does not decide
        (["Huvudbok 2023", "", "Konto;Belopp", "5010;1", "5020;2"], ";"),
        (["Konto"], ";"),  # one column: the Swedish default
    ],
)
def test_the_delimiter_is_sniffed(lines: list[str], delimiter: str) -> None:
    assert sniff_delimiter([line + "\n" for line in lines]) == delimiter


def test_a_record_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('Konto;Text;Belopp\r\n5010;"två\r\nrader";1\r\n\r\n5020;x;2\r\n')
    _, rows = open_table(path, ReadOptions())
    assert [(row.number, row.cells[0] if row.cells else None) for row in rows] == [
        (1, "Konto"),
        (2, "5010"),
        (4, None),  # the blank line
        (5, "5020"),
    ]


def test_a_given_delimiter_and_encoding_win_over_the_file(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("a|b;c\n".encode("cp1252"))
    _, rows = open_table(path, ReadOptions(encoding="cp1252", delimiter="|"))
    assert next(rows).cells == ("a", "b;c")


@pytest.mark.parametrize(
    ("data", "options", "fault"),
    [
        (
            "Konto;Belopp\n5010;Å\n".encode("cp1252"),
            ReadOptions(encoding="utf-8"),
            "export.csv:2: tabular.encoding: texten går inte att läsa som utf-8",
        ),
        (
            b"Konto;Belopp\n",
            ReadOptions(encoding="klingon"),
            "tabular.encoding: okänd teckenkodning",
        ),
        (b"\xd0\xcf\x11\xe0rest", ReadOptions(), "tabular.unreadable: det gamla Excelformatet"),
        (
            b"PK\x03\x04 not a zip",
            ReadOptions(),
            "tabular.unreadable: arbetsboken går inte att öppna",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_a_fault_naming_it(
    tmp_path: Path, data: bytes, options: ReadOptions, fault: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with pytest.raises(TabularError) as raised:
        read_all(path, options)
    assert fault in str(raised.value.problems[0])


def test_a_workbook_gives_stored_values_and_formulas_unevaluated(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Huvudbok"
    sheet.append(["Konto", "Datum", "Belopp", "Andel"])
    sheet.append([5010, date(2023, 4, 30), 1234.5, 0.045])
    sheet["D2"].number_format = "0.0%"
    sheet.append(["5020", None, "=C2*2", None])
    path = tmp_path / "huvudbok.xlsx"
    book.save(path)
    source, rows = open_table(path, ReadOptions())
    assert source == Source(str(path), "Huvudbok")
    assert list(rows) == [
        Row(1, ("Konto", "Datum", "Belopp", "Andel")),
        Row(2, (Decimal(5010), date(2023, 4, 30), Decimal("1234.5"), Decimal("4.5"))),
        Row(3, ("5020", "", Formula("=C2*2"))),  # a row ends at its last cell
    ]


# a cell's number format → the number read from 0.045 stored: times 100 only where Excel shows
# it as a percentage, not where the percent sign is quoted, escaped or a space's width.
PERCENT_FORMATS: list[tuple[str, str]] = [
    ("0.0%", "4.5"),
    ("0%", "4.5"),
    ('0.0" %"', "0.045"),  # a quoted sign: shown as 0.0 %, not multiplied
    ("0\\%", "0.045"),  # an escaped sign
    ('[Red]0.0"%"', "0.045"),
    ("0.0_%", "0.045"),  # a space the width of a percent sign
    ("[Red]0.0%", "4.5"),  # a colour does not hide a real percent sign
    ('0.0" kr";[Red]-0.0%', "4.5"),  # a percent sign in any section formats it
    ("General", "0.045"),
]


@pytest.mark.parametrize(("number_format", "number"), PERCENT_FORMATS)
def test_a_workbook_number_is_multiplied_only_where_excel_shows_a_percentage(
    tmp_path: Path, number_format: str, number: str
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Andel"])
    sheet.append([0.045])
    sheet["A2"].number_format = number_format
    path = tmp_path / "andel.xlsx"
    book.save(path)
    assert read_all(path, ReadOptions())[1] == Row(2, (Decimal(number),))


def test_a_sheet_is_chosen_by_name_without_case(tmp_path: Path) -> None:
    book = Workbook()
    book.create_sheet("Budget").append(["Konto"])
    path = tmp_path / "b.xlsx"
    book.save(path)
    source, rows = open_table(path, ReadOptions(sheet="budget"))
    assert source.sheet == "Budget"
    assert next(rows).cells == ("Konto",)


def test_a_sheet_that_is_not_there_is_a_fault_listing_the_sheets(tmp_path: Path) -> None:
    book = Workbook()
    path = tmp_path / "b.xlsx"
    book.save(path)
    with pytest.raises(
        TabularError, match=r"tabular\.no-sheet: arbetsboken har inget blad 'Utfall'"
    ):
        open_table(path, ReadOptions(sheet="Utfall"))


@pytest.mark.parametrize(
    ("source", "row", "column", "header", "place"),
    [
        (Source("a.csv"), 7, 2, "Belopp", "a.csv:7: Belopp"),
        (Source("a.csv"), 7, 2, "", "a.csv:7: kolumn 3"),
        (Source("a.xlsx", "Huvudbok"), 7, 2, "Belopp", "a.xlsx:7: Huvudbok!C7 (Belopp)"),
        (Source("a.xlsx", "Huvudbok"), 7, 27, "", "a.xlsx:7: Huvudbok!AB7"),
        (Source("a.csv"), 7, None, "", "a.csv:7"),
    ],
)
def test_a_place_names_the_file_the_line_or_row_and_the_column(
    source: Source, row: int, column: int | None, header: str, place: str
) -> None:
    assert str(source.place(row, column, header)) == place


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ")])
def test_column_letters_are_the_spreadsheets(index: int, letters: str) -> None:
    assert column_letter(index) == letters
