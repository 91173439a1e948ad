"""Property-based fuzzing of the tabular reader: no exception escapes but the importer's own."""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from uppsikt.importers.tabular.hr import read_hr
from uppsikt.importers.tabular.ledger import read_ledger
from uppsikt.importers.tabular.reading import ReadOptions
from uppsikt.importers.tabular.table import TabularError
from uppsikt.importers.tabular.values import parse_amount, parse_date, parse_month, parse_percent

CELLS = st.text(alphabet='0123456789 ,.-−()+:%;\t"\n\r\u00a0\u2009åÄöxKTM=e', max_size=12)
HEADERS = [
    "Konto",
    "Ansvar",
    "Period",
    "Datum",
    "Belopp",
    "Debet",
    "Kredit",
    "Kön",
    "Månad",
    "Antal anställda",
    "Sjukfrånvaro",
    "Personalomsättning",
    "Beloppstyp",
    "År",
]


def read_both(data: bytes, options: ReadOptions) -> None:
    """Read the bytes as a ledger and as an HR export; what is refused says why."""
    refused: list[TabularError] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        path.write_bytes(data)
        for read in (read_ledger, read_hr):
            try:
                found = read(path, 2023, options=options)
            except TabularError as error:
                refused.append(error)
            else:
                assert found.lines >= 0
    assert all(error.problems for error in refused)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_read_or_raise_the_importers_own_error(data: bytes) -> None:
    read_both(data, ReadOptions())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    st.lists(st.lists(CELLS, max_size=9), max_size=12),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
    st.sampled_from([",", "."]),
)
def test_any_table_under_known_headers_reads_or_raises_the_importers_own_error(
    header: list[str], rows: list[list[str]], delimiter: str, encoding: str, decimal: str
) -> None:
    text = "\n".join(delimiter.join(cells) for cells in [header, *rows])
    data = text.encode(encoding, errors="replace")
    read_both(data, ReadOptions(decimal=decimal))
    read_both(data, ReadOptions(encoding="utf-8", delimiter=delimiter, decimal=decimal))


@given(st.text(max_size=20), st.sampled_from([",", "."]))
def test_a_cell_is_read_or_refused_with_a_value_error(text: str, decimal: str) -> None:
    read: list[object] = []
    for parse in (
        lambda: parse_amount(text, decimal),
        lambda: parse_percent(text, decimal),
        lambda: parse_date(text),
        lambda: parse_month(text, 2023),
    ):
        try:
            read.append(parse())
        except ValueError as error:
            read.append(error)
    assert all(isinstance(item, Decimal | date | tuple | ValueError) for item in read)


def _workbook_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Konto", "Period", "Belopp", "Kön", "Sjukfrånvaro"], [5010, 202301, 1.5, "K", 4]):
        sheet.append(row)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "b.xlsx"
        book.save(path)
        return path.read_bytes()


WORKBOOK = _workbook_bytes()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(WORKBOOK)), st.integers(0, len(WORKBOOK) - 1), st.binary(max_size=8))
def test_a_damaged_workbook_reads_or_raises_the_importers_own_error(
    cut: int, at: int, junk: bytes
) -> None:
    data = WORKBOOK[:at] + junk + WORKBOOK[at + len(junk) :]
    read_both(data[: max(cut, 4)], ReadOptions())
