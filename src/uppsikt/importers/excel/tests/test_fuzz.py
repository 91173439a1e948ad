"""Fuzzing the Excel importer: whatever a workbook holds, it gives changes or problems, never an
exception of its own (random cells of any type anywhere in an exported workbook, random bytes,
damaged files)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from uppsikt.importers.excel import compare, read_workbook, write_workbook
from uppsikt.importers.excel.template import ABOUT_SHEET, HIDDEN, SHEETS
from uppsikt.importers.excel.tests.workbooks import TEMPLATE

EXPORTED = write_workbook(TEMPLATE)
SHEET_NAMES = [ABOUT_SHEET, *(sheet.name for sheet in SHEETS), "Listor"]
# Each example of the first test loads and saves a workbook (some 50 ms): fewer of them.
CELLS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.sampled_from(["Klart", "klart ", "41,5", "−6 400", "1e9", "=1+1", "=A1", "#N/A", "0126"]),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(),
    st.booleans(),
    st.decimals(allow_nan=False, allow_infinity=False, places=8),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.times(),
    st.sampled_from(['["0126","KS","2023-T1","uppdrag","U02"]', '["0126","KS"]', "[]", "{}"]),
)
places = st.tuples(
    st.sampled_from(SHEET_NAMES),
    st.integers(min_value=1, max_value=6),
    st.integers(
        min_value=1, max_value=max(len(sheet.columns) for sheet in SHEETS) + len(HIDDEN) + 1
    ),
)
cell_types = st.sampled_from([None, None, None, "e", "s", "n", "b", "f"])


def _import(data: bytes) -> None:
    """Read and compare, as the import does; the property is that this never raises."""
    read, problems = read_workbook(data, "fuzz.xlsx")
    if read is not None:
        compare(read, TEMPLATE, "fuzz.xlsx")
    assert read is not None or problems


@CELLS
@given(edits=st.lists(st.tuples(places, values, cell_types), min_size=1, max_size=6))
def test_any_cells_in_an_exported_workbook_give_changes_or_problems(
    edits: list[tuple[tuple[str, int, int], Any, str | None]],
) -> None:
    book = load_workbook(BytesIO(EXPORTED))
    for (sheet, row, column), value, data_type in edits:
        cell = book[sheet].cell(row, column)
        try:
            cell.value = value
        except (IllegalCharacterError, ValueError, TypeError):
            continue  # openpyxl refuses to write it: no workbook could hold it
        if data_type is not None and value is not None:
            cell.data_type = data_type
    out = BytesIO()
    try:
        book.save(out)
    except (ValueError, TypeError, OverflowError):
        return  # openpyxl cannot write the cell as typed
    _import(out.getvalue())


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_give_problems(data: bytes) -> None:
    read, problems = read_workbook(data, "fuzz.xlsx")
    assert read is None
    assert problems


@FUZZ
@given(
    damage=st.lists(
        st.tuples(st.integers(min_value=0, max_value=len(EXPORTED) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    ),
    cut=st.one_of(st.none(), st.integers(min_value=0, max_value=len(EXPORTED))),
)
def test_a_damaged_workbook_gives_changes_or_problems(
    damage: list[tuple[int, int]], cut: int | None
) -> None:
    data = bytearray(EXPORTED)
    for index, byte in damage:
        data[index] = byte
    _import(bytes(data[:cut]))
