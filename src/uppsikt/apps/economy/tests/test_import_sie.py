"""`uppsikt import sie`: a committee year's ledger from an SIE file, the same months replaced,
strict mode and dry runs writing nothing, every fault named with file and line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import database_counts
from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.economy.imports import import_sie
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.sie.tests.test_corpus import CORPUS, FILES, OUTCOMES, needs_corpus

pytestmark = pytest.mark.django_db

SIE = """#FLAGGA 0
#PROGRAM "Ekonomisystemet" 4.2
#SIETYP 4
#RAR 0 20230101 20231231
#DIM 1 "Ansvar"
#DIM 20 "Verksamhet"
#KONTO 1930 "Bank"
#KONTO 5010 "Lokalhyra"
#PBUDGET 0 202301 5010 {1 "1100"} 900.00
#VER A 1 20230105 "Hyra"
{
   #TRANS 5010 {1 "1100" 20 "210"} 600.00
   #TRANS 5010 {1 "1100" 20 "210"} 400.25
   #TRANS 1930 {} -1000.25
}
#VER A 2 20230203 "Hyra"
{
   #TRANS 5010 {1 "1100" 20 "210"} 700.00
   #TRANS 1930 {} -700.00
}
"""
BROKEN = SIE.replace("#TRANS 1930 {} -700.00", "#TRANS 1930 {} -600.00")


def sie_file(tmp_path: Path, text: str = SIE) -> Path:
    path = tmp_path / "bok.se"
    path.write_bytes(text.encode("cp437"))
    return path


def run(path: Path, *more: str) -> str:
    out = StringIO()
    call_command(
        "import", "sie", str(path), "--committee", "KS", "--year", "2023", *more, stdout=out
    )
    return out.getvalue()


def ledger() -> list[tuple[str, int, str, str, str, int]]:
    return list(
        LedgerEntry.objects.order_by("kind", "month", "account").values_list(
            "kind", "month", "account", "ansvar", "verksamhet", "amount_ore"
        )
    )


def test_the_file_becomes_the_years_ledger_by_month_account_and_objects(
    loaded: Dataset, tmp_path: Path
) -> None:
    out = run(sie_file(tmp_path))
    assert ledger() == [
        ("budget", 1, "5010", "1100", "", 90000),
        ("outcome", 1, "1930", "", "", -100025),
        ("outcome", 1, "5010", "1100", "210", 100025),
        ("outcome", 2, "1930", "", "", -70000),
        ("outcome", 2, "5010", "1100", "210", 70000),
    ]
    assert "2 verifikationer, 5 transaktioner.\nSkrev 5 huvudboksrader" in out
    assert "utfall, kontoklass 5: 1\u00a0700,25 kr" in out


def test_importing_again_replaces_the_same_months(loaded: Dataset, tmp_path: Path) -> None:
    path = sie_file(tmp_path)
    run(path)
    out = run(path)
    assert "och ersatte 5 rader för samma månader" in out
    assert len(ledger()) == 5


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    out = run(sie_file(tmp_path), "--dry-run")
    assert "Skulle skriva 5 huvudboksrader" in out
    assert database_counts() == counts


def test_strict_mode_refuses_a_file_with_a_fault_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="1 fel eller varningar; inget har skrivits"):
        call_command(
            "import",
            "sie",
            str(sie_file(tmp_path, BROKEN)),
            "--committee",
            "KS",
            "--year",
            "2023",
            "--strict",
            stderr=errors,
        )
    assert f"{tmp_path / 'bok.se'}:16: sie.voucher-imbalanced" in errors.getvalue()
    assert database_counts() == counts


def test_tolerant_mode_imports_and_names_each_fault(loaded: Dataset, tmp_path: Path) -> None:
    out = run(sie_file(tmp_path, BROKEN))
    assert "Varning: " in out
    assert "bok.se:16: sie.voucher-imbalanced: verifikationens rader summerar till 100.00" in out
    assert len(ledger()) == 5


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2031"], "ingen nämnd KS med år 2031 i databasen"),
        (["--dimension", "20"], "--dimension '20': skriv t.ex. 20=verksamhet"),
        (["--dimension", "20=kund"], "okända dimensioner kund"),
    ],
)
def test_wrong_arguments_are_refused_clearly(
    loaded: Dataset, tmp_path: Path, arguments: list[str], message: str
) -> None:
    base = ["import", "sie", str(sie_file(tmp_path)), "--committee", "KS", "--year", "2023"]
    with pytest.raises(CommandError, match=message):
        call_command(*base, *arguments, stderr=StringIO())


def test_a_month_whose_transactions_net_to_nothing_still_replaces_that_month(
    loaded: Dataset, tmp_path: Path
) -> None:
    run(sie_file(tmp_path))
    corrected = SIE.replace("700.00", "0.00").replace("-0.00", "0.00")
    run(sie_file(tmp_path, corrected))
    assert [row for row in ledger() if row[1] == 2] == []  # February's 700 kr are gone


# What a well-formed file of another year, or with dimensions of its own, is told about.
ELSEWHERE = {"sie.outside-year", "sie.unmapped-dimension"}


@needs_corpus
def test_every_corpus_file_imports_or_in_strict_mode_is_refused_leaving_the_database(
    loaded: Dataset,
) -> None:
    committee_year = CommitteeYear.objects.get(committee__code="KS", year__year=2023)
    for row in FILES:
        path = CORPUS / row["path"]
        faults = OUTCOMES.get(row["path"])
        if faults is None:  # well-formed: imports, told only of years and dimensions
            found = import_sie(path, committee_year)
            codes = {problem.message.split(":", 1)[0] for problem in found.problems}
            assert codes <= ELSEWHERE, (row["path"], found.problems)
            assert found.written == len(found.rows)
            continue
        counts = database_counts()
        with pytest.raises(ImportRefusedError) as refused:
            import_sie(path, committee_year, strict=True)
        named = {problem.message.split(":", 1)[0] for problem in refused.value.problems}
        assert set(faults) <= named, row["path"]
        assert all(problem.location.file == str(path) for problem in refused.value.problems)
        assert database_counts() == counts, row["path"]
