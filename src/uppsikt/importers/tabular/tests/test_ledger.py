"""An ERP's tabular export as ledger rows: headers found, amounts and months read, faults placed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from uppsikt.domain.economy.ledger import LedgerKind
from uppsikt.domain.problems import Problem
from uppsikt.importers.ledger import LedgerRow
from uppsikt.importers.tabular.ledger import LEDGER_FIELDS, read_ledger
from uppsikt.importers.tabular.reading import ReadOptions
from uppsikt.importers.tabular.table import TabularError

OUTCOME, BUDGET = LedgerKind.OUTCOME, LedgerKind.BUDGET

# As Raindance writes a ledger report: a title, semicolons, Windows-1252, decimal commas.
RAINDANCE = """Huvudboksrapport Kommunstyrelsen 2023;;;;;;;;
Utskriven 2023-05-04;;;;;;;;
;;;;;;;;
KONTO;ANSVAR;VERKSAMHET;AKTIVITET;PROJEKT;OBJEKT;MOTPART;PERIOD;BELOPP
5010;1100;210;;;;;202301;12 500,00
5010;1100;210;;;;;202301;-2 500,00
4010;1100;210;A12;;;;202302;3 000,50
3010;1200;;;P77;;;202302;(1 200,00)
7010;1200;;;;;06;202302;99,90-
"""


def ledger_file(
    tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "cp1252"
) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def codes(problems: list[Problem]) -> list[str]:
    return [problem.message.split(":")[0] for problem in problems]


def test_a_raindance_report_becomes_ledger_rows_by_month_account_and_objects(
    tmp_path: Path,
) -> None:
    found = read_ledger(ledger_file(tmp_path, RAINDANCE), 2023)
    assert found.problems == []
    assert found.lines == 5
    assert found.rows == [
        LedgerRow(OUTCOME, 2023, 1, "5010", ("1100", "210", "", "", "", ""), Decimal("10000.00")),
        LedgerRow(OUTCOME, 2023, 2, "3010", ("1200", "", "", "P77", "", ""), Decimal("-1200.00")),
        LedgerRow(OUTCOME, 2023, 2, "4010", ("1100", "210", "A12", "", "", ""), Decimal("3000.50")),
        LedgerRow(OUTCOME, 2023, 2, "7010", ("1200", "", "", "", "", "06"), Decimal("-99.90")),
    ]


def test_debit_and_credit_give_the_amount_and_a_date_gives_the_month(tmp_path: Path) -> None:
    text = "Datum,Konto,Debet,Kredit\n2023-03-15,5010,100.00,\n2023-03-20,5010,,40.50\n"
    found = read_ledger(ledger_file(tmp_path, text), 2023, options=ReadOptions(decimal="."))
    assert found.rows == [LedgerRow(OUTCOME, 2023, 3, "5010", ("",) * 6, Decimal("59.50"))]


def test_a_year_and_a_month_column_give_the_month(tmp_path: Path) -> None:
    text = "År;Månad;Konto;Belopp\n2023;4;5010;1\n2023;04;5010;2\n"
    found = read_ledger(ledger_file(tmp_path, text), 2023)
    assert found.rows == [LedgerRow(OUTCOME, 2023, 4, "5010", ("",) * 6, Decimal(3))]


def test_a_budget_export_is_budget_and_a_kind_column_decides_per_row(tmp_path: Path) -> None:
    text = "Konto;Period;Belopp;Beloppstyp\n5010;202301;5;Budget\n5010;202301;7;utfall\n5010;202301;1;\n"
    found = read_ledger(ledger_file(tmp_path, text), 2023, kind=BUDGET)
    assert [(row.kind, row.amount) for row in found.rows] == [
        (BUDGET, Decimal(6)),
        (OUTCOME, Decimal(7)),
    ]


def test_headers_are_found_without_case_and_a_given_column_replaces_the_usual(
    tmp_path: Path,
) -> None:
    text = "kontonr;Belopp SEK;Belopp;PERIOD;Kostnadsställe\n5010;10;99;2023-01;K1\n"
    found = read_ledger(ledger_file(tmp_path, text), 2023, columns={"amount": "belopp sek"})
    assert found.rows == [
        LedgerRow(OUTCOME, 2023, 1, "5010", ("K1", "", "", "", "", ""), Decimal(10))
    ]


def test_rows_of_other_years_are_left_out_and_said_once(tmp_path: Path) -> None:
    text = "Konto;Period;Belopp\n5010;202212;1\n5010;202401;1\n5010;202301;1\n"
    found = read_ledger(ledger_file(tmp_path, text, "e.csv"), 2023, name="e.csv")
    assert len(found.rows) == 1
    assert [str(problem) for problem in found.problems] == [
        "e.csv: tabular.outside-year: 2 rader gäller andra år än 2023"
    ]


# A row → the fault it gives, with its place (file, line, column) and code.
FAULTS = [
    ("5010;202301;12.5", "e.csv:2: Belopp: tabular.bad-amount: '12.5' är inget belopp"),
    ("5010;202301;", "e.csv:2: Belopp: tabular.missing-value: belopp saknas"),
    ("50x0;202301;1", "e.csv:2: Konto: tabular.bad-account: '50x0' är inget konto"),
    (";202301;1", "e.csv:2: Konto: tabular.missing-value: konto saknas"),
    ("5010;202313;1", "e.csv:2: Period: tabular.bad-period: '202313' är ingen månad"),
    ("5010;202301", "e.csv:2: tabular.row-length: raden har 2 fält men rubrikraden 3"),
    ("5010;202301;1,5;9", "e.csv:2: tabular.row-length: raden har 4 fält"),
]


@pytest.mark.parametrize(("row", "fault"), FAULTS)
def test_a_fault_names_the_file_line_column_and_code_and_the_row_is_left_out(
    tmp_path: Path, row: str, fault: str
) -> None:
    text = f"Konto;Period;Belopp\n{row}\n5020;202301;1\n"
    found = read_ledger(ledger_file(tmp_path, text, "e.csv"), 2023, name="e.csv")
    assert [str(problem)[: len(fault)] for problem in found.problems] == [fault]
    assert [row.account for row in found.rows] == ["5020"]


def test_every_fault_of_a_row_is_said_in_one_run(tmp_path: Path) -> None:
    text = "Konto;Ansvar;Period;Belopp\nx;" + "A" * 21 + ";13;?\n"
    found = read_ledger(ledger_file(tmp_path, text), 2023)
    assert codes(found.problems) == [
        "tabular.bad-period",
        "tabular.bad-account",
        "tabular.bad-object",
        "tabular.bad-amount",
    ]


def test_a_trailing_delimiter_on_every_row_is_no_fault(tmp_path: Path) -> None:
    found = read_ledger(ledger_file(tmp_path, "Konto;Period;Belopp\n5010;202301;1;\n"), 2023)
    assert found.problems == []
    assert len(found.rows) == 1


@pytest.mark.parametrize(
    ("text", "columns", "fault"),
    [
        (
            "Konto;Text\n5010;x\n",
            {},
            "e.csv:1: tabular.no-header: ingen kolumn för amount eller debit eller credit",
        ),
        (
            "Konto;Belopp;Datum\n5010;1;2023-01-01\n",
            {"amount": "Summa SEK"},
            "e.csv:1: tabular.missing-column: rubriken 'Summa SEK' för amount finns inte",
        ),
        (
            "Konto;Kontonr;Belopp;Datum\n5010;5010;1;2023-01-01\n",
            {},
            "e.csv:1: tabular.duplicate-column: kolumnerna 'Konto', 'Kontonr' kan alla vara account",
        ),
        ("", {}, "e.csv: tabular.no-header: filen har inga rader"),
    ],
)
def test_a_table_without_the_columns_it_needs_is_refused(
    tmp_path: Path, text: str, columns: dict[str, str], fault: str
) -> None:
    path = ledger_file(tmp_path, text, "e.csv")
    with pytest.raises(TabularError) as raised:
        read_ledger(path, 2023, columns=columns, name="e.csv")
    assert str(raised.value.problems[0]).startswith(fault)


def test_a_field_that_is_none_of_the_ledgers_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="okända fält kund"):
        read_ledger(ledger_file(tmp_path, RAINDANCE), 2023, columns={"kund": "Kund"})


def test_the_usual_headers_name_one_field_each() -> None:
    headers = [header for names in LEDGER_FIELDS.values() for header in names]
    assert len(headers) == len(set(headers))


def workbook(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Huvudbok"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "huvudbok.xlsx"
    book.save(path)
    return path


def test_a_workbook_gives_its_stored_numbers_dates_and_codes(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        [
            ["Huvudbok 2023"],
            [],
            ["Konto", "Ansvar", "Datum", "Belopp"],
            [5010, "0110", date(2023, 4, 3), 1234.56],
            ["5010", 110, date(2023, 4, 9), -34.56],
        ],
    )
    found = read_ledger(path, 2023)
    assert found.problems == []
    assert found.rows == [
        LedgerRow(OUTCOME, 2023, 4, "5010", ("0110", "", "", "", "", ""), Decimal("1234.56")),
        LedgerRow(OUTCOME, 2023, 4, "5010", ("110", "", "", "", "", ""), Decimal("-34.56")),
    ]


def test_a_formula_is_an_error_naming_sheet_row_and_column_and_never_evaluated(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path,
        [["Konto", "Period", "Belopp"], [5010, 202301, 100], [5020, 202301, "=C2*2"]],
    )
    found = read_ledger(path, 2023, name="hb.xlsx")
    assert [(str(problem), problem.severity.value) for problem in found.problems] == [
        (
            (
                "hb.xlsx:3: Huvudbok!C3 (Belopp): tabular.formula: cellen har formeln '=C2*2'; "
                "formler räknas aldrig ut, skriv in värdena eller exportera igen"
            ),
            "error",
        )
    ]
    assert [row.account for row in found.rows] == ["5010"]
