"""`uppsikt export excel` and `uppsikt import excel`: the example committee's period out to a
workbook and back, only the rows a person changed written (with history, as that person), and
any fault, conflict or missing permission refused with its cell named and nothing written."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from conftest import make_persona
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.helpers import database_counts
from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.assignments.services import update_follow_up
from uppsikt.apps.datasets.excel import importing
from uppsikt.apps.datasets.excel.importing import import_excel
from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.economy.models import TableCell
from uppsikt.apps.goals.models import IndicatorValue
from uppsikt.apps.internal_control.models import RiskActionFollowUp
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteePeriod, ReportingPeriod
from uppsikt.apps.vocabularies.models import Status
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.problems import Problem
from uppsikt.importers.excel.compare import Changes, compare
from uppsikt.importers.excel.read import ReadWorkbook
from uppsikt.importers.excel.template import Template
from uppsikt.importers.excel.tests.workbooks import edited

pytestmark = pytest.mark.django_db


def export(path: Path) -> Path:
    call_command(
        "export", "excel", "--committee", "KS", "--period", "2023-T1", "--out", str(path),
        stdout=StringIO(),
    )  # fmt: skip
    return path


@pytest.fixture
def exported(loaded: Dataset, tmp_path: Path) -> Path:
    """The example committee's period exported, and its controller (who may change all of it)."""
    make_persona("controller")
    return export(tmp_path / "KS-2023-T1.xlsx")


def run_import(path: Path, *more: str, user: str = "controller") -> str:
    out = StringIO()
    call_command("import", "excel", str(path), "--user", user, *more, stdout=out, stderr=out)
    return out.getvalue()


def refused(path: Path, *more: str, user: str = "controller") -> str:
    """The errors an import that must be refused prints; it must write nothing at all."""
    before = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="inget har skrivits"):
        call_command(
            "import", "excel", str(path), "--user", user, *more, stdout=StringIO(), stderr=errors
        )
    assert database_counts() == before
    return errors.getvalue()


def edit(path: Path, cells: dict[str, Any]) -> Path:
    path.write_bytes(edited(path.read_bytes(), cells))
    return path


def row_of(path: Path, sheet: str, *key: object) -> int:
    """The row of the sheet whose first cells are `key`."""
    rows = load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True)
    return next(number for number, row in enumerate(rows, 2) if row[: len(key)] == key)


def follow_up(code: str) -> AssignmentFollowUp:
    return AssignmentFollowUp.objects.select_related("status").get(assignment__code=code)


def test_export_writes_the_committees_period_with_its_own_statuses(exported: Path) -> None:
    book = load_workbook(exported)
    assert book["Om"]["B4"].value == "KS"
    assert book["Om"]["C4"].value == "Kommunstyrelsen"
    assert book["Uppdrag"].max_row == 1 + Assignment.objects.count()
    assert book["Uppdrag"]["D2"].value == follow_up("U01").status.label  # type: ignore[union-attr]
    labels = [book["Listor"][f"A{row}"].value for row in range(2, 6)]
    assert labels == list(
        Status.objects.filter(vocabulary__code="uppdrag").values_list("label", flat=True)
    )
    forecasts = book["Prognoser"]
    assert forecasts["A2"].value == "Resultaträkning"
    assert forecasts["D2"].value == "tkr"


def test_an_unchanged_workbook_writes_nothing_and_no_history(exported: Path) -> None:
    before = database_counts()
    out = run_import(exported)
    assert database_counts() == before
    assert "KS 2023-T1: Skrev 0 ändrade rader; 158 rader var oförändrade." in out


def test_edited_cells_become_exactly_those_changes_with_history(exported: Path) -> None:
    u01 = row_of(exported, "Uppdrag", "U01")
    r1_a3 = row_of(exported, "Riskåtgärder", "R1-A3")
    value_2023 = row_of(
        exported, "Indikatorer", "M1-I1", "Oro för brottslighet i samhället (%)", "%", 2023
    )
    edit(
        exported,
        {
            f"Uppdrag!D{u01}": "Klart",
            f"Uppdrag!E{u01}": "Utredningen är klar och redovisad.",
            f"Riskåtgärder!D{r1_a3}": "Blir klart i år",
            f"Indikatorer!F{value_2023}": "41,5",
            "Prognoser!E2": 50000,
        },
    )
    before = database_counts()
    out = run_import(exported)
    counts = database_counts()
    assert {
        label: counts[label] - before[label] for label in counts if counts[label] != before[label]
    } == {
        "assignments.HistoricalAssignmentFollowUp": 1,
        "internal_control.HistoricalRiskActionFollowUp": 1,
        "goals.IndicatorValue": 1,
        "goals.HistoricalIndicatorValue": 1,
        "economy.HistoricalTableCell": 1,
    }
    assert f"Uppdrag!D{u01} U01: status, kommentar" in out
    assert "Skrev 4 ändrade rader; 154 rader var oförändrade." in out
    saved = follow_up("U01")
    assert (saved.status.code, saved.comment, saved.version) == (  # type: ignore[union-attr]
        "klart", "Utredningen är klar och redovisad.", 2,
    )  # fmt: skip
    risk = RiskActionFollowUp.objects.select_related("status").get(action__code="R1-A3")
    assert risk.status.code == "blir-klart"  # type: ignore[union-attr]
    assert IndicatorValue.objects.get(indicator__code="M1-I1", year=2023).value == Decimal("41.5")
    cell = TableCell.objects.get(row__key="intakter", column__key="prognos")
    assert cell.number == Decimal(50_000_000)  # tkr as kronor
    history = saved.history.first()
    assert history is not None
    assert history.history_user == User.objects.get(username="controller")
    assert history.history_change_reason == f"Excel-import {exported}"


def test_a_dry_run_lists_the_changes_and_writes_nothing(exported: Path) -> None:
    edit(exported, {"Uppdrag!D2": "Klart"})
    before = database_counts()
    out = run_import(exported, "--dry-run")
    assert database_counts() == before
    assert "Uppdrag!D2 U01: status" in out
    assert "Skulle skriva 1 ändrade rader" in out


def _key(period: str, code: str) -> str:
    return f'["0126","KS","{period}","uppdrag","{code}"]'


FAULTS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown status", {"Uppdrag!D7": "Klar"}, 'Uppdrag!D7: statusen "Klar" finns inte; välj bland Klart, Blir klart i år, Troligen klart i år, Ej klart i år'),
    ("no number", {"Indikatorer!F4": "fyrtio"}, "Indikatorer!F4: 'fyrtio' är inget tal"),
    ("formula", {"Prognoser!E3": "=E2*2"}, "Prognoser!E3: cellen innehåller en formel (=E2*2)"),
    ("unknown key", {"Uppdrag!A2": "U99", "Uppdrag!F2": _key("2023-T1", "U99"), "Uppdrag!D2": "Klart"}, "Uppdrag!A2: raden U99 finns inte i Uppsikt"),
    ("other period", {"Uppdrag!F2": _key("2023-T2", "U01")}, "Uppdrag!A2: raden hör till KS 2023-T2 (0126)"),
    ("grey key column", {"Indikatorer!E2": "K"}, "Indikatorer!E2: den grå nyckelkolumnen Kön ska vara T, inte K"),
    ("another committee", {"Om!B4": "BN"}, "Om!B3:B5: kommunen 0126 har ingen nämnd BN år 2023"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "error"), [case[1:] for case in FAULTS], ids=[case[0] for case in FAULTS]
)
def test_a_fault_is_named_by_its_cell_and_nothing_is_written(
    exported: Path, cells: dict[str, Any], error: str
) -> None:
    edit(exported, {"Uppdrag!D3": "Klart", **cells})  # a good change beside it is not written
    assert f"{exported}: {error}" in refused(exported)


def test_a_row_changed_in_uppsikt_since_the_export_is_a_conflict(exported: Path) -> None:
    controller = User.objects.get(username="controller")
    saved = follow_up("U01")
    update_follow_up(
        controller,
        saved.assignment,
        saved.period,
        status=None,
        comment="Ändrad i webben.",
        version=saved.version,
    )
    edit(exported, {"Uppdrag!D2": "Klart", "Uppdrag!D3": "Klart"})
    errors = refused(exported)
    assert (
        f"{exported}: Uppdrag!A2: raden har ändrats i Uppsikt sedan exporten (version 1, nu 2)"
        in errors
    )
    assert follow_up("U01").comment == "Ändrad i webben."


def test_a_row_changed_while_writing_rolls_back_the_rows_written_before_it(
    exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = User.objects.get(username="controller")
    edit(exported, {"Uppdrag!D2": "Klart", "Uppdrag!D3": "Klart"})  # U01, then U02
    before_import: dict[str, int] = {}

    def compare_then_change_u02(
        read: ReadWorkbook, current: Template, name: str
    ) -> tuple[Changes, list[Problem]]:
        """The real comparison; then someone saves U02 in the web before the import writes."""
        changes, problems = compare(read, current, name)
        assert [change.code for change in changes.follow_ups] == ["U01", "U02"]
        saved = follow_up("U02")
        update_follow_up(
            controller,
            saved.assignment,
            saved.period,
            status=None,
            comment="Ändrad i webben under importen.",
            version=saved.version,
        )
        before_import.update(database_counts())
        return changes, problems

    monkeypatch.setattr(importing, "compare", compare_then_change_u02)
    u01 = follow_up("U01")
    with pytest.raises(ImportRefusedError) as raised:
        import_excel(exported.read_bytes(), str(exported), controller)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{exported}: Uppdrag!D3: raden ändrades i Uppsikt medan filen lästes in; läs in den igen"
    ]
    assert database_counts() == before_import  # U01, written first, is rolled back too
    after = follow_up("U01")
    assert (after.status, after.comment, after.version) == (u01.status, u01.comment, u01.version)
    assert follow_up("U02").comment == "Ändrad i webben under importen."


def test_uppsikts_later_change_to_a_row_left_alone_is_kept(exported: Path) -> None:
    controller = User.objects.get(username="controller")
    saved = follow_up("U01")
    update_follow_up(
        controller,
        saved.assignment,
        saved.period,
        status=None,
        comment="Ändrad i webben.",
        version=saved.version,
    )
    edit(exported, {"Uppdrag!D3": "Klart"})
    assert "Skrev 1 ändrade rader" in run_import(exported)
    assert (follow_up("U01").comment, follow_up("U02").status.code) == ("Ändrad i webben.", "klart")  # type: ignore[union-attr]


def test_a_reporter_may_change_only_their_units_assignments(exported: Path) -> None:
    make_persona("reporter")
    Assignment.objects.filter(code="U02").update(unit=OrgUnit.objects.get(code="EKO"))
    edit(exported, {"Uppdrag!D2": "Klart", "Indikatorer!F4": 40})
    errors = refused(exported, user="reporter")
    assert f"{exported}: Uppdrag!D2: du får inte uppdatera det här uppdraget" in errors
    assert (
        f"{exported}: Indikatorer!F4: bara nämndens controller får ändra indikatorvärden och prognoser"
        in errors
    )
    edit(export(exported), {"Uppdrag!D3": "Klart"})
    assert "Skrev 1 ändrade rader" in run_import(exported, user="reporter")
    assert follow_up("U02").status.code == "klart"  # type: ignore[union-attr]


def test_a_period_no_longer_open_refuses_changes(exported: Path) -> None:
    period = ReportingPeriod.objects.get(kind="T1")
    CommitteePeriod.objects.filter(period=period).update(state="approved")
    edit(exported, {"Uppdrag!D2": "Klart"})
    assert f"{exported}: Om!B5: perioden är" in refused(exported)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"Kod;Status\nU01;Klart\n", "filen är ingen Excel-arbetsbok (.xlsx)"),
        (b"PK\x03\x04trasig", "filen är ingen läsbar Excel-arbetsbok (.xlsx)"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(exported: Path, content: bytes, error: str) -> None:
    exported.write_bytes(content)
    assert f"{exported}: {error}" in refused(exported)


def test_the_user_must_exist(exported: Path) -> None:
    with pytest.raises(CommandError, match="ingen aktiv användare heter okänd"):
        run_import(exported, user="okänd")


values = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.sampled_from(["Klart", "Ej klart i år", "41,5", "=1+1", "U01"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
cells = st.dictionaries(
    st.builds(
        "{}!{}{}".format,
        st.sampled_from(["Uppdrag", "Riskåtgärder", "Kontroller", "Indikatorer", "Prognoser"]),
        st.sampled_from("ABCDEFGH"),
        st.integers(min_value=1, max_value=6),
    ),
    values,
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(cells=cells)
def test_any_cells_give_an_import_or_a_refusal_and_nothing_else(
    exported: Path, cells: dict[str, Any]
) -> None:
    data = edited(exported.read_bytes(), cells)
    controller = User.objects.get(username="controller")
    problems = None
    with transaction.atomic():  # each example starts from the same database
        try:
            import_excel(data, "fuzz.xlsx", controller)
        except ImportRefusedError as error:
            problems = error.problems
        transaction.set_rollback(True)
    assert problems is None or problems


def test_the_workbook_is_the_same_after_an_openpyxl_round_trip(exported: Path) -> None:
    book = load_workbook(exported)
    out = BytesIO()
    book.save(out)
    exported.write_bytes(out.getvalue())
    assert "Skrev 0 ändrade rader" in run_import(exported)
