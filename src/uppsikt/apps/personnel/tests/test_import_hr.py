"""`uppsikt import hr`: headcount, turnover and sick leave per month and gender from an HR export,
the same months' figures replaced, strict mode and dry runs writing nothing, faults placed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F
from openpyxl import Workbook

from tests.helpers import database_counts
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.personnel.mapping import personnel_to_domain
from uppsikt.apps.personnel.models import Headcount, SickLeave, Turnover
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import Headcount as HeadcountRecord
from uppsikt.domain.personnel import Turnover as TurnoverRecord

pytestmark = pytest.mark.django_db

EXPORT = (
    "Månad;Kön;Antal anställda;Personalomsättning (%);Sjukfrånvaro (%);Sjukfrånvaro 1–14 dagar\n"
    "2023-04;Totalt;396;16,2;6,1;2,0\n"
    "2023-04;Kvinnor;250;;7,2;\n"
    "2023-04;Män;146;;4,2;\n"
    "2023-05;T;399;16,0;5,9;1,8\n"
)
BROKEN = EXPORT + "2023-06;K;12,5;;;\n"


def export(tmp_path: Path, text: str = EXPORT) -> Path:
    path = tmp_path / "hr.csv"
    path.write_bytes(text.encode("cp1252"))
    return path


def run(path: Path, *more: str, errors: StringIO | None = None) -> str:
    out = StringIO()
    call_command(
        "import",
        "hr",
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


def headcounts() -> list[tuple[date, int, str, str | None]]:
    return list(
        Headcount.objects.order_by("date", "gender").values_list(
            "date", "count", "gender", "unit__code"
        )
    )


def turnovers() -> list[tuple[date, Decimal, str, str | None]]:
    return [
        (day, percent.normalize(), gender, unit)
        for day, percent, gender, unit in Turnover.objects.order_by(
            "date",
            F("unit").asc(nulls_first=True),  # as SQLite and PostgreSQL both order
        ).values_list("date", "percent", "gender", "unit__code")
    ]


def sick_leave_from_april() -> list[tuple[date, Decimal, str, str, str]]:
    return [
        (month, percent.normalize(), gender, length, basis)
        for month, percent, gender, length, basis in SickLeave.objects.filter(
            month__gte=date(2023, 4, 1), basis="month"
        )
        .order_by("month", "gender", "length")
        .values_list("month", "percent", "gender", "length", "basis")
    ]


def test_the_export_gives_the_years_figures_by_month_and_gender_replacing_the_same_months(
    loaded: Dataset, tmp_path: Path
) -> None:
    out = run(export(tmp_path))
    assert headcounts() == [
        (date(2022, 4, 30), 389, "T", None),  # another year: kept
        (date(2023, 4, 30), 250, "K", None),
        (date(2023, 4, 30), 146, "M", None),
        (date(2023, 4, 30), 396, "T", None),  # the example's April figure, replaced
        (date(2023, 5, 31), 399, "T", None),
    ]
    assert turnovers() == [
        (date(2022, 12, 31), Decimal("15.9"), "T", None),
        (date(2023, 4, 30), Decimal("16.2"), "T", None),
        (date(2023, 4, 30), Decimal("9.8"), "T", "DIG"),  # a unit's figure: kept
        (date(2023, 5, 31), Decimal(16), "T", None),
    ]
    assert sick_leave_from_april() == [  # the example's March figures are not the file's
        (date(2023, 4, 1), Decimal("7.2"), "K", "total", "month"),
        (date(2023, 4, 1), Decimal("4.2"), "M", "total", "month"),
        (date(2023, 4, 1), Decimal(2), "T", "short", "month"),
        (date(2023, 4, 1), Decimal("6.1"), "T", "total", "month"),
        (date(2023, 5, 1), Decimal("1.8"), "T", "short", "month"),
        (date(2023, 5, 1), Decimal("5.9"), "T", "total", "month"),
    ]
    assert "hr.csv: 4 rader lästa." in out
    assert "Antal anställda: skrev 4 värden för 2 månader och ersatte 1." in out
    assert "Sjukfrånvaro 1–14 dagar: skrev 2 värden för 2 månader och ersatte 0." in out


def test_importing_again_replaces_and_keeps_the_history(loaded: Dataset, tmp_path: Path) -> None:
    path = export(tmp_path)
    run(path)
    out = run(path)
    assert "Antal anställda: skrev 4 värden för 2 månader och ersatte 4." in out
    assert len(headcounts()) == 5
    reasons = set(Headcount.history.values_list("history_change_reason", flat=True))
    assert "Inläsning av personaldata ur hr.csv" in reasons


def test_the_genders_reach_the_domain_records(loaded: Dataset, tmp_path: Path) -> None:
    run(export(tmp_path))
    year = CommitteeYear.objects.get(committee__code="KS", year__year=2023)
    personnel = personnel_to_domain(year)
    assert HeadcountRecord(date(2023, 4, 30), 250, None, Gender.WOMEN) in personnel.headcount
    assert TurnoverRecord(date(2023, 5, 31), Decimal(16)) in personnel.turnover


def test_a_rolling_12_export_replaces_the_rolling_figures_of_its_months(
    loaded: Dataset, tmp_path: Path
) -> None:
    path = export(tmp_path, "Period;Kön;Sjukfrånvaro\n202303;K;6,0\n")
    run(path, "--sick-leave-basis", "rolling_12")
    rolling = SickLeave.objects.filter(month=date(2023, 3, 1), basis="rolling_12", length="total")
    assert sorted(rolling.values_list("gender", "percent")) == [("K", Decimal("6.0000"))]


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    out = run(export(tmp_path), "--dry-run")
    assert "Antal anställda: skulle skriva 4 värden för 2 månader och skulle ersätta 1." in out
    assert database_counts() == counts


def test_strict_mode_refuses_a_file_with_a_fault_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="1 fel eller varningar; inget har skrivits"):
        run(export(tmp_path, BROKEN), "--strict", errors=errors)
    assert f"{tmp_path / 'hr.csv'}:6: Antal anställda: tabular.bad-count: '12,5'" in (
        errors.getvalue()
    )
    assert database_counts() == counts


def test_tolerant_mode_imports_the_rest_and_names_each_fault(
    loaded: Dataset, tmp_path: Path
) -> None:
    out = run(export(tmp_path, BROKEN))
    assert "Varning: " in out
    assert "hr.csv:6: Antal anställda: tabular.bad-count" in out
    assert len(headcounts()) == 5


def test_a_workbook_with_a_formula_is_refused_naming_the_cell_and_writes_nothing(
    loaded: Dataset, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Personal"
    for row in (["Månad", "Antal anställda"], ["2023-04", 396], ["2023-05", "=B2+3"]):
        sheet.append(row)
    path = tmp_path / "hr.xlsx"
    book.save(path)
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="inget har skrivits"):
        run(path, errors=errors)
    assert f"{path}:3: Personal!B3 (Antal anställda): tabular.formula" in errors.getvalue()
    assert database_counts() == counts


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--year", "2031"], "ingen nämnd KS med år 2031 i databasen"),
        (["--column", "lön=Lön"], "okända fält lön"),
        (["--column", "gender=Genus"], "1 fel eller varningar; inget har skrivits"),
    ],
)
def test_wrong_arguments_are_refused_clearly(
    loaded: Dataset, tmp_path: Path, arguments: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        run(export(tmp_path), *arguments)
