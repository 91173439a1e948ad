"""Splitting SIE lines into fields, and telling the encoding from the bytes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.sie.records import Checksum, Record, checked, read_records
from uppsikt.importers.sie.text import Field, SieSyntaxError, guess_encoding, split_fields

HERE = Location("test.se", 7)

# line → its label and fields, as the specification and the files in the wild write them.
SPLIT: list[tuple[str, list[Field]]] = [
    ("#FLAGGA 0", ["#FLAGGA", "0"]),
    ('#FNAMN "Övningsbolaget AB"', ["#FNAMN", "Övningsbolaget AB"]),
    ("#KONTO\t1910\tKassa", ["#KONTO", "1910", "Kassa"]),  # tabs
    ("#KONTO 1910 Kassa och bank", ["#KONTO", "1910", "Kassa", "och", "bank"]),  # unquoted
    ('#KONTO 1910 "Kassa \\"A\\""', ["#KONTO", "1910", 'Kassa "A"']),  # the only escape
    ('#KONTO 1910 "C:\\temp"', ["#KONTO", "1910", "C:\\temp"]),  # other backslashes are literal
    (
        '#TRANS 3010 {1 "0123" 6 "P1"} -1500.00',
        ["#TRANS", "3010", ("1", "0123", "6", "P1"), "-1500.00"],
    ),
    ("#TRANS 3010 {} -1500.00", ["#TRANS", "3010", (), "-1500.00"]),
    ("#TRANS 3010 { } -1500.00 20230131", ["#TRANS", "3010", (), "-1500.00", "20230131"]),
    ('#TRANS 3010 {"1" "0123"} 10', ["#TRANS", "3010", ("1", "0123"), "10"]),  # quoted dimension
    ('#VER A 1 20230105 ""', ["#VER", "A", "1", "20230105", ""]),  # an empty quoted field
    ('#OBJEKT 1 0123 "Skolor"', ["#OBJEKT", "1", "0123", "Skolor"]),
    ("#RAR 0 20230101 20231231", ["#RAR", "0", "20230101", "20231231"]),
    (
        "#PSALDO 0 202301 3010 {1 0123} -100.5",
        ["#PSALDO", "0", "202301", "3010", ("1", "0123"), "-100.5"],
    ),
]


@pytest.mark.parametrize(("line", "fields"), SPLIT)
def test_a_line_is_split_into_its_label_and_fields(line: str, fields: list[Field]) -> None:
    assert split_fields(line, HERE) == fields


BROKEN = [
    ('#FNAMN "Övningsbolaget', "tecken 8: citattecknet avslutas inte"),
    ("#TRANS 3010 {1 0123 -1500", "tecken 26: objektlistan avslutas inte med '}'"),
    ("#TRANS 3010 {1 {2}} 5", "tecken 16: en objektlista inne i en objektlista"),
    ("#TRANS 3010 } 5", "tecken 13: '}' utan '{' före"),
    ("#TRANS 3010 {1} {2 {3}} 5", "tecken 20: en objektlista inne i en objektlista"),
    ("#TRANS 3010 {1} } 5", "tecken 17: '}' utan '{' före"),
]


@pytest.mark.parametrize(("line", "fault"), BROKEN)
def test_a_broken_line_names_its_place_and_fault(line: str, fault: str) -> None:
    with pytest.raises(SieSyntaxError) as raised:
        split_fields(line, HERE)
    assert raised.value.problem == Problem(HERE, fault)
    assert str(raised.value) == f"test.se:7: {fault}"


ENCODINGS = [
    ("Övningsbolaget".encode("cp437"), "cp437"),
    ("Övningsbolaget".encode(), "utf-8"),
    ("Övningsbolaget".encode("iso8859_15"), "iso8859_15"),
    ("Kassa och bank, ränta på lån".encode("cp437"), "cp437"),
    ("Kassa och bank, ränta på lån".encode("iso8859_15"), "iso8859_15"),
    (bytes([0xFF, 0x80]), "cp437"),  # neither: the specification's
]


@pytest.mark.parametrize(("line", "encoding"), ENCODINGS)
def test_the_encoding_is_told_from_the_bytes(line: bytes, encoding: str) -> None:
    assert guess_encoding(line) == encoding


def test_records_carry_their_line_and_skip_what_cannot_be_read_with_a_problem() -> None:
    lines = [
        b"#FLAGGA 0\r\n",
        b"\r\n",
        '#FNAMN "Bolaget \x94"\r\n'.encode("latin-1"),  # CP437's ö
        b'#VER A 1 20230105 "Hyra"\r\n',
        b"{\r\n",
        b"   #TRANS 5010 {} 1000.00\r\n",
        b"}\r\n",
        b"Trasig rad\r\n",
        b'#KONTO 1910 "Kassa\r\n',
    ]
    problems: list[Problem] = []
    records = list(read_records(lines, "bolaget.se", problems))
    assert records == [
        Record(1, "#FLAGGA", ("0",)),
        Record(3, "#FNAMN", ("Bolaget ö",)),
        Record(4, "#VER", ("A", "1", "20230105", "Hyra")),
        Record(5, "{"),
        Record(6, "#TRANS", ("5010", (), "1000.00")),
        Record(7, "}"),
    ]
    assert [str(problem) for problem in problems] == [
        "bolaget.se:8: raden börjar inte med #: 'Trasig rad'",
        "bolaget.se:9: tecken 13: citattecknet avslutas inte",
    ]


def test_an_opening_ksumma_without_a_closing_one_is_a_problem() -> None:
    lines = [b"#KSUMMA\n", b"#FLAGGA 0\n"]
    checksum = Checksum()
    problems: list[Problem] = []
    assert len(list(checked(read_records(lines, "f.se", problems), checksum, "f.se"))) == 2
    assert checksum.verified is False
    assert [str(problem) for problem in checksum.problems] == [
        "f.se:1: #KSUMMA öppnas men avslutas aldrig"
    ]


@given(st.text())
def test_any_text_splits_or_gives_a_syntax_error(text: str) -> None:
    try:
        fields = split_fields(text, HERE)
    except SieSyntaxError as error:
        problem = error.problem
    else:
        assert all(isinstance(item, str | tuple) for item in fields)
        return
    assert problem.location == HERE


@given(st.lists(st.binary(max_size=80), max_size=20))
def test_any_bytes_are_read_as_records_or_problems_never_an_exception(lines: list[bytes]) -> None:
    problems: list[Problem] = []
    checksum = Checksum()
    records = list(checked(read_records(lines, "f.se", problems), checksum, "f.se"))
    assert all(record.line >= 1 for record in records)
