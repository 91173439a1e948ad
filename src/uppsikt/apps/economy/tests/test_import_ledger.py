"""`uppsikt import ledger`: a committee year's ledger from an ERP's CSV or XLSX export, the same
months replaced, strict mode and dry runs writing nothing, every fault named with its place."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from tests.helpers import database_counts
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db

# As Raindance writes a ledger export: a title line, semicolons, Windows-1252, decimal commas,
# no-break spaces as thousands separators and a trailing minus.
RAINDANCE = (
    "Huvudbok Kommunstyrelsen;;;;;\n"
    "Konto;Ansvar;Verksamhet;Motpart;Period;Belopp\n"
    "5010;1100;210;;202301;12\u00a0500,00\n"
    "5010;1100;210;;202301;-2\u00a0500,00\n"
    "4010;1100;210;;202302;3\u00a0000,50\n"
    "3010;1200;;06;202302;1\u00a0200,00-\n"
)
BROKEN = RAINDANCE + "5010;1100;210;;202302;12.5\n"


def export(tmp_path: Path, text: str = RAINDANCE, name: str = "hb.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def run(path: Path, *more: str, errors: StringIO | None = None) -> str:
    out = StringIO()
    call_command(
        "import",
        "ledger",
        str(path),
        "--committee",
        "KS",
        "--year",
        "2023",
        *more,
        stdout=out,
        stderr=errors or StringIO(),
    )
    return out.getvalue()


def ledger() -> list[tuple[str, int, str, str, str, str, int]]:
    return list(
        LedgerEntry.objects.order_by("kind", "month", "account").values_list(
            "kind", "month", "account", "ansvar", "verksamhet", "motpart", "amount_ore"
        )
    )


def test_a_raindance_export_becomes_the_years_ledger_by_month_account_and_objects(
    loaded: Dataset, tmp_path: Path
) -> None:
    out = run(export(tmp_path))
    assert ledger() == [
        ("outcome", 1, "5010", "1100", "210", "", 1000000),
        ("outcome", 2, "3010", "1200", "", "06", -120000),
        ("outcome", 2, "4010", "1100", "210", "", 300050),
    ]
    assert "hb.csv: 4 rader lästa.\nSkrev 3 huvudboksrader och ersatte 0 rader" in out
    assert "utfall, kontoklass 4: 3\u00a0000,50 kr" in out


def test_a_budget_export_becomes_budget_and_importing_again_replaces_the_same_months(
    loaded: Dataset, tmp_path: Path
) -> None:
    path = export(tmp_path)
    run(path, "--kind", "budget")
    out = run(path, "--kind", "budget")
    assert "ersatte 3 rader för samma månader" in out
    assert {row[0] for row in ledger()} == {"budget"}
    assert len(ledger()) == 3


def test_columns_and_reading_come_from_a_layout_file_and_the_command_line(
    loaded: Dataset, tmp_path: Path
) -> None:
    layout = tmp_path / "unit4.toml"
    layout.write_text(
        'delimiter = "tab"\ndecimal = "."\n[columns]\naccount = "Kontonr"\n', encoding="utf-8"
    )
    text = "Kontonr\tBokf. datum\tSumma SEK\n5010\t2023-03-15\t1,250.75\n"
    path = export(tmp_path, text, "unit4.txt")
    run(
        path,
        "--config",
        str(layout),
        "--column",
        "date=Bokf. datum",
        "--column",
        "amount=Summa SEK",
    )
    assert ledger() == [("outcome", 3, "5010", "", "", "", 125075)]


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    out = run(export(tmp_path), "--dry-run")
    assert "Skulle skriva 3 huvudboksrader" in out
    assert database_counts() == counts


def test_strict_mode_refuses_a_file_with_a_fault_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="1 fel eller varningar; inget har skrivits"):
        run(export(tmp_path, BROKEN), "--strict", errors=errors)
    assert f"{tmp_path / 'hb.csv'}:7: Belopp: tabular.bad-amount: '12.5' är inget belopp" in (
        errors.getvalue()
    )
    assert database_counts() == counts


def test_tolerant_mode_imports_the_rest_and_names_each_fault(
    loaded: Dataset, tmp_path: Path
) -> None:
    out = run(export(tmp_path, BROKEN))
    assert "Varning: " in out
    assert "hb.csv:7: Belopp: tabular.bad-amount" in out
    assert len(ledger()) == 3


def test_a_workbook_with_a_formula_is_refused_naming_the_cell_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Utfall"
    for row in (["Konto", "Period", "Belopp"], [5010, 202301, 100.5], [5020, 202301, "=C2*2"]):
        sheet.append(row)
    path = tmp_path / "hb.xlsx"
    book.save(path)
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="inget har skrivits"):
        run(path, errors=errors)  # refused even without --strict
    assert f"{path}:3: Utfall!C3 (Belopp): tabular.formula: cellen har formeln '=C2*2'" in (
        errors.getvalue()
    )
    assert database_counts() == counts


def test_a_workbooks_stored_values_are_imported_from_the_sheet_named(
    loaded: Dataset, tmp_path: Path
) -> None:
    book = Workbook()
    book.create_sheet("Budget")
    for row in (["Konto", "Ansvar", "Månad", "Belopp"], [5010, "0110", 4, 1234.5]):
        book["Budget"].append(row)
    path = tmp_path / "budget.xlsx"
    book.save(path)
    out = run(path, "--sheet", "Budget", "--kind", "budget")
    assert ledger() == [("budget", 4, "5010", "0110", "", "", 123450)]
    assert "budget.xlsx, bladet Budget: 1 rader lästa." in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2031"], "ingen nämnd KS med år 2031 i databasen"),
        (["--column", "amount"], "--column 'amount': skriv t.ex. amount=Belopp"),
        (["--column", "kund=Kund"], "okända fält kund"),
        (["--decimal", ";"], "decimaltecknet ';' stöds inte"),
        (["--delimiter", "x"], "avgränsaren 'x' stöds inte"),
        (["--column", "amount=Summa"], "1 fel eller varningar; inget har skrivits"),
    ],
)
def test_wrong_arguments_are_refused_clearly(
    loaded: Dataset, tmp_path: Path, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(export(tmp_path), *arguments)


def test_a_month_whose_rows_net_to_nothing_still_replaces_that_month(
    loaded: Dataset, tmp_path: Path
) -> None:
    run(export(tmp_path))
    netted = "Konto;Period;Belopp\n4010;202302;100,00\n4010;202302;-100,00\n"
    run(export(tmp_path, netted))
    assert [row for row in ledger() if row[1] == 2] == []  # February as the new export says
