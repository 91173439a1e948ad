"""Writing a template and reading it back: what a person changed, and every fault by its cell."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from uppsikt.importers.excel import compare, read_workbook, write_workbook
from uppsikt.importers.excel.compare import (
    Changes,
    FollowUpChange,
    ForecastChange,
    IndicatorChange,
)
from uppsikt.importers.excel.read import MAX_FILE_BYTES
from uppsikt.importers.excel.template import ItemKind, Template
from uppsikt.importers.excel.tests.workbooks import TEMPLATE, edited

NAME = "mall.xlsx"
EXPORTED = write_workbook(TEMPLATE)


def changes_of(data: bytes, current: Template = TEMPLATE) -> tuple[Changes, list[str]]:
    read, problems = read_workbook(data, NAME)
    if read is None:
        return Changes(), [str(problem) for problem in problems]
    changes, more = compare(read, current, NAME)
    return changes, [str(problem) for problem in problems + more]


def test_the_workbook_has_an_about_sheet_and_a_sheet_per_kind_of_row() -> None:
    book = load_workbook(BytesIO(EXPORTED))
    assert book.sheetnames == [
        "Om", "Uppdrag", "Riskåtgärder", "Granskningsåtgärder", "Kontroller",
        "Indikatorer", "Prognoser", "Listor",
    ]  # fmt: skip
    assert [book["Om"][f"B{row}"].value for row in range(3, 6)] == ["0126", "KS", "2023-T1"]
    assignments = book["Uppdrag"]
    assert [cell.value for cell in assignments[1]] == [
        "Kod", "Uppdrag", "Ansvarig enhet", "Status", "Kommentar", "Nyckel", "Version", "Kontroll",
    ]  # fmt: skip
    assert [cell.value for cell in assignments[2]][:5] == [
        "U01", "Utreda", "KSF", "Blir klart i år", "Pågår.",
    ]  # fmt: skip
    assert assignments.freeze_panes == "B2"
    assert [letter for letter in "FGH" if assignments.column_dimensions[letter].hidden] == [
        "F", "G", "H",
    ]  # fmt: skip
    assert assignments.protection.sheet
    assert assignments["D2"].protection.locked is False  # the white cells a person fills in
    assert assignments["A2"].protection.locked is True
    assert book["Listor"].sheet_state == "hidden"


def test_statuses_are_offered_from_the_committee_years_own_lists() -> None:
    book = load_workbook(BytesIO(EXPORTED))
    rules = {
        sheet: [
            (str(rule.sqref), rule.formula1) for rule in book[sheet].data_validations.dataValidation
        ]
        for sheet in ("Uppdrag", "Kontroller")
    }
    assert rules == {
        "Uppdrag": [("D2:D3", "Uppdragsstatus")],
        "Kontroller": [("D2", "Kontrollstatus")],
    }
    lists = book["Listor"]
    assert [lists[f"A{row}"].value for row in range(2, 5)] == [
        "Klart",
        "Blir klart i år",
        "Ej klart i år",
    ]
    assert [lists[f"B{row}"].value for row in range(2, 4)] == ["Klart", "Blir klart i år"]
    assert book.defined_names["Uppdragsstatus"].attr_text == "'Listor'!$A$2:$A$4"


def test_text_that_looks_like_a_formula_is_written_as_text() -> None:
    cell = load_workbook(BytesIO(EXPORTED))["Riskåtgärder"]["E2"]
    assert (cell.value, cell.data_type) == ("=inte en formel", "s")


def test_a_workbook_read_back_unchanged_changes_nothing() -> None:
    changes, problems = changes_of(EXPORTED)
    assert problems == []
    assert (len(changes), changes.unchanged) == (0, 11)


def test_each_edited_cell_becomes_exactly_that_change() -> None:
    data = edited(
        EXPORTED,
        {
            "Uppdrag!D2": "Klart",
            "Uppdrag!E3": "Startar i höst.",
            "Kontroller!D2": "blir klart i år",  # a label in other case is the same label
            "Indikatorer!F3": "41,5",  # text with a decimal comma
            "Prognoser!E3": -6.5,
        },
    )
    changes, problems = changes_of(data)
    assert problems == []
    assert changes.follow_ups == [
        FollowUpChange(
            "Uppdrag!D2", ItemKind.ASSIGNMENT, "U01", "klart", "Pågår.\n", 3, ("status",)
        ),
        FollowUpChange(
            "Uppdrag!D3", ItemKind.ASSIGNMENT, "U02", "", "Startar i höst.", 0, ("kommentar",)
        ),
        FollowUpChange(
            "Kontroller!D2", ItemKind.CONTROL, "K1", "blir-klart", "Klar.", 2, ("status",)
        ),
    ]  # the comment of U01 is kept as Uppsikt holds it, with its line break
    assert changes.indicators == [
        IndicatorChange("Indikatorer!F3", "M1-I1", 2023, "T", Decimal("41.5"), 0)
    ]
    assert changes.forecasts == [
        ForecastChange("Prognoser!E3", "resultat", "personal", "prognos", Decimal("-6.5"), 2)
    ]
    assert changes.unchanged == 6


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("41,5", Decimal("41.5")),
        ("−6 400", Decimal(-6400)),
        ("1\u00a0234,25", Decimal("1234.25")),
        (41.5, Decimal("41.5")),
        (0.1, Decimal("0.1")),
        (12, Decimal(12)),
        ("", None),
        (None, None),
    ],
)
def test_a_number_is_read_as_a_person_wrote_it(typed: object, value: Decimal | None) -> None:
    changes, problems = changes_of(edited(EXPORTED, {"Indikatorer!F2": typed}))
    assert problems == []
    assert [change.value for change in changes.indicators] == [value]


def test_a_value_changed_back_to_what_uppsikt_holds_is_no_change() -> None:
    changes, problems = changes_of(edited(EXPORTED, {"Indikatorer!F2": "44,0"}))
    assert (problems, len(changes)) == ([], 0)


def test_a_changed_row_that_uppsikt_changed_since_the_export_is_a_conflict() -> None:
    current = replace(
        TEMPLATE, follow_ups=(replace(TEMPLATE.follow_ups[0], version=4), *TEMPLATE.follow_ups[1:])
    )
    changes, problems = changes_of(edited(EXPORTED, {"Uppdrag!D2": "Klart"}), current)
    assert problems == [
        (
            "mall.xlsx: Uppdrag!A2: raden har ändrats i Uppsikt sedan exporten (version 3, nu 4); "
            "exportera en ny mall och för in din ändring där"
        )
    ]
    assert len(changes) == 0


def test_a_row_left_as_exported_is_left_alone_whatever_uppsikt_holds_now() -> None:
    current = replace(
        TEMPLATE,
        follow_ups=(
            replace(TEMPLATE.follow_ups[0], status="ej-klart", version=4),
            *TEMPLATE.follow_ups[1:],
        ),
    )
    changes, problems = changes_of(edited(EXPORTED, {"Uppdrag!D3": "Klart"}), current)
    assert problems == []
    assert [change.code for change in changes.follow_ups] == ["U02"]


def _key(period: str, code: str) -> str:
    return f'["0126","KS","{period}","uppdrag","{code}"]'


# Each fault a person can make, the cells that make it, and the error naming its cell.
FAULTS: list[tuple[str, dict[str, Any], str]] = [
    (
        "a status not in the list",
        {"Uppdrag!D2": "Klar"},
        'Uppdrag!D2: statusen "Klar" finns inte; välj bland Klart, Blir klart i år, Ej klart i år',
    ),
    (
        "a status of the other list",
        {"Kontroller!D2": "Ej klart i år"},
        'Kontroller!D2: statusen "Ej klart i år" finns inte; välj bland Klart, Blir klart i år',
    ),
    (
        "a number that is no number",
        {"Indikatorer!F3": "tolv"},
        "Indikatorer!F3: 'tolv' är inget tal; skriv t.ex. −6 400 eller 12,5",
    ),
    ("a yes/no for a number", {"Prognoser!E2": True}, "Prognoser!E2: cellen är SANT/FALSKT"),
    (
        "a date for a number",
        {"Indikatorer!F2": "2023-05-01"},
        "Indikatorer!F2: '2023-05-01' är inget tal",
    ),
    (
        "too many decimals",
        {"Indikatorer!F2": "0,1234567"},
        "Indikatorer!F2: talet 0.1234567 får inte plats; högst 6 decimaler",
    ),
    (
        "too many decimals in kronor",
        {"Prognoser!E3": "-6,3891234567891"},
        "Prognoser!E3: talet -6.3891234567891 får inte plats",
    ),
    ("a comment too long", {"Uppdrag!E2": "x" * 5001}, "Uppdrag!E2: högst 5000 tecken (nu 5001)"),
    (
        "a formula",
        {"Indikatorer!F3": "=40+2"},
        "Indikatorer!F3: cellen innehåller en formel (=40+2); formler räknas aldrig ut",
    ),
    ("a formula in a grey cell", {"Uppdrag!B2": "=A1"}, "Uppdrag!B2: cellen innehåller en formel"),
    (
        "a changed key column",
        {"Uppdrag!A2": "U1"},
        "Uppdrag!A2: den grå nyckelkolumnen Kod ska vara U01, inte U1; ändra inte de grå kolumnerna",
    ),
    (
        "a changed year",
        {"Indikatorer!D2": 2021},
        "Indikatorer!D2: den grå nyckelkolumnen År ska vara 2022, inte 2021",
    ),
    (
        "an unknown key",
        {"Uppdrag!A2": "U99", "Uppdrag!F2": _key("2023-T1", "U99")},
        "Uppdrag!A2: raden U99 finns inte i Uppsikt",
    ),
    (
        "a row of another period",
        {"Uppdrag!F2": _key("2023-T2", "U01")},
        "Uppdrag!A2: raden hör till KS 2023-T2 (0126), inte till arbetsbokens KS 2023-T1 (0126)",
    ),
    (
        "an added row",
        {"Uppdrag!A4": "U03", "Uppdrag!D4": "Klart"},
        "Uppdrag!A4: raden saknar Uppsikts dolda nyckel",
    ),
    (
        "a copied row",
        {
            "Uppdrag!A4": "U01",
            "Uppdrag!F4": _key("2023-T1", "U01"),
            "Uppdrag!G4": 3,
            "Uppdrag!H4": "x",
        },
        "Uppdrag!A4: raden finns redan på rad 2",
    ),
    ("a broken version", {"Uppdrag!G2": "tre"}, "Uppdrag!G2: radens dolda version är trasig"),
    (
        "a moved column",
        {"Uppdrag!D1": "Kommentar", "Uppdrag!E1": "Status"},
        "Uppdrag!D1: kolumnen ska heta Status, inte Kommentar",
    ),
    ("another template", {"Om!A1": "Budget 2024"}, "Om!A1: filen är ingen Uppsikt-mall"),
    ("another format version", {"Om!B2": 2}, "Om!B2: mallversionen är 2, inte 1"),
    ("no committee", {"Om!B4": None}, "Om!B4: nämnd saknas"),
]


@pytest.mark.parametrize(
    ("cells", "error"), [case[1:] for case in FAULTS], ids=[case[0] for case in FAULTS]
)
def test_each_fault_is_named_with_its_sheet_row_and_column(
    cells: dict[str, Any], error: str
) -> None:
    _, problems = changes_of(edited(EXPORTED, cells))
    assert any(problem.startswith(f"{NAME}: {error}") for problem in problems), problems


def test_an_error_value_in_a_cell_is_a_fault() -> None:
    data = edited(EXPORTED, {"Prognoser!E2": "#DIV/0!"}, types={"Prognoser!E2": "e"})
    assert changes_of(data)[1] == ["mall.xlsx: Prognoser!E2: cellen innehåller felet #DIV/0!"]


def test_every_fault_of_a_workbook_is_reported_in_one_run() -> None:
    data = edited(EXPORTED, {"Uppdrag!D2": "Klar", "Indikatorer!F3": "tolv", "Prognoser!E2": "=1"})
    assert len(changes_of(data)[1]) == 3


def test_a_missing_sheet_is_named() -> None:
    book = load_workbook(BytesIO(EXPORTED))
    del book["Kontroller"]
    out = BytesIO()
    book.save(out)
    assert changes_of(out.getvalue())[1] == ["mall.xlsx: Kontroller: bladet Kontroller saknas"]


def _zip(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


BROKEN: list[tuple[str, bytes, str]] = [
    ("empty", b"", "filen är ingen Excel-arbetsbok (.xlsx)"),
    (
        "an old .xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
        "filen är ingen Excel-arbetsbok",
    ),
    ("a CSV", b"Kod;Status\nU01;Klart\n", "filen är ingen Excel-arbetsbok"),
    (
        "a cut-off file",
        EXPORTED[: len(EXPORTED) // 2],
        "filen är ingen läsbar Excel-arbetsbok (.xlsx)",
    ),
    ("a zip of something else", _zip({"a.txt": b"hej"}), "filen är ingen läsbar Excel-arbetsbok"),
    (
        "a zip bomb",
        _zip({"xl/worksheets/sheet1.xml": bytes(70 * 2**20)}),
        "filen packas upp till 73400320 byte i 1 delar; högst 62914560 byte",
    ),
    (
        "a DTD",
        _zip({"[Content_Types].xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
        "filens del [Content_Types].xml har en DTD",
    ),
]


@pytest.mark.parametrize(
    ("data", "error"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_a_file_that_is_no_template_is_refused_with_a_clear_error(data: bytes, error: str) -> None:
    read, problems = read_workbook(data, NAME)
    assert read is None
    assert str(problems[0]).startswith(f"{NAME}: {error}")


def test_a_file_too_large_is_refused_before_it_is_opened() -> None:
    read, problems = read_workbook(bytes(MAX_FILE_BYTES + 1), NAME)
    assert read is None
    assert (
        str(problems[0])
        == f"{NAME}: filen är {MAX_FILE_BYTES + 1} byte; högst {MAX_FILE_BYTES} byte läses"
    )
