"""`uppsikt fetch kolada` and `uppsikt import kolada`: the committee's Kolada indicators get their
values with the source and the fetch date, null stays missing, strict mode and dry runs write
nothing, and reports, pages and dumps keep saying where the values came from."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from tests.helpers import database_counts
from uppsikt.apps.datasets.services import dataset_from_db
from uppsikt.apps.goals import kolada
from uppsikt.apps.goals.models import Indicator, IndicatorValue
from uppsikt.apps.periods.models import Year
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.dataset import dump_dataset, parse_dataset
from uppsikt.importers.kolada.client import KoladaClient

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parents[3] / "importers" / "kolada" / "tests" / "testdata"
FETCHED = date(2026, 11, 20)
SOURCE_LINE = "Källa: Kolada, hämtad 2026-11-20"


@pytest.fixture
def from_kolada(loaded: Dataset) -> Dataset:
    """The example with two indicators taken from Kolada: M1-I1 (N00002) and M2-I1 (N15428)."""
    Indicator.objects.filter(code="M1-I1").update(source_kind="kolada", source_reference="N00002")
    Indicator.objects.filter(code="M2-I1").update(source_kind="kolada", source_reference="N15428")
    return loaded


def pages(tmp_path: Path, *names: str) -> Path:
    """A folder holding copies of the recorded pages."""
    folder = tmp_path / "svar"
    folder.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(RECORDED / name, folder / name)
    return folder


def run(path: Path, *more: str) -> str:
    out = StringIO()
    call_command(
        "import", "kolada", str(path), "--committee", "KS", "--year", "2023", *more, stdout=out
    )
    return out.getvalue()


def values(code: str) -> list[tuple[int, str, Decimal | None, str, date | None]]:
    return list(
        IndicatorValue.objects.filter(indicator__code=code)
        .order_by("year", "gender")
        .values_list("year", "gender", "value", "source", "fetched")
    )


def test_values_are_written_by_kpi_and_gender_with_source_and_fetch_date(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    out = run(pages(tmp_path, "v3-page-1.json", "v3-page-2.json"), "--fetched", "2026-11-20")
    assert values("M1-I1") == [
        (2021, "T", Decimal(40), "", None),  # typed by hand, left as it was
        (2022, "K", Decimal("79.3"), "Kolada", FETCHED),
        (2022, "M", Decimal("71.8"), "Kolada", FETCHED),
        (2022, "T", Decimal("75.4"), "Kolada", FETCHED),
        (2023, "K", Decimal("80.1"), "Kolada", FETCHED),
        (2023, "M", Decimal("72.0"), "Kolada", FETCHED),
        (2023, "T", Decimal("76.0"), "Kolada", FETCHED),
    ]
    assert "2 filer, 2 sidor, 9 värden." in out
    assert "Skrev 8 indikatorvärden för 2 indikatorer (7 nya, 1 ändrade, 0 oförändrade)" in out
    assert f"{SOURCE_LINE}." in out
    assert "Andra kommuner eller enheter: 1 värden (0000 (1)); de lästes inte in." in out


def test_a_null_value_stays_missing_and_is_never_zero(from_kolada: Dataset, tmp_path: Path) -> None:
    out = run(pages(tmp_path, "v3-page-2.json"), "--fetched", "2026-11-20")
    assert values("M2-I1")[-2:] == [
        (2022, "T", Decimal(12), "Kolada", FETCHED),
        (2023, "T", None, "Kolada", FETCHED),
    ]
    assert "1 saknar värde (null) och står som saknade." in out


def test_a_saved_page_brings_its_own_fetch_date(from_kolada: Dataset, tmp_path: Path) -> None:
    run(RECORDED / "saved-page.json")
    assert values("M1-I1")[-1] == (2023, "T", Decimal("76.0"), "Kolada", FETCHED)


def test_values_of_kpis_no_indicator_names_are_counted_and_said(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    out = run(RECORDED / "v2-page-1.json", "--fetched", "2026-11-20")
    assert "Inget av nämndens nyckeltal: 1 värden (U00405 (1)); de lästes inte in." in out
    assert "Inga värden i svaren för N00002 (indikator M1-I1)." in out
    assert "Skrev 0 indikatorvärden" in out
    assert database_counts() == counts


def test_importing_the_same_values_again_changes_nothing_but_says_so(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    folder = pages(tmp_path, "v3-page-1.json", "v3-page-2.json")
    run(folder, "--fetched", "2026-11-20")
    counts = database_counts()
    out = run(folder, "--fetched", "2026-11-20")
    assert "(0 nya, 0 ändrade, 8 oförändrade)" in out
    assert database_counts() == counts  # not even a history row


def test_a_dry_run_says_what_it_would_write_and_writes_nothing(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    counts = database_counts()
    out = run(pages(tmp_path, "v3-page-1.json"), "--fetched", "2026-11-20", "--dry-run")
    assert "Skulle skriva 6 indikatorvärden för 1 indikatorer (5 nya, 1 ändrade" in out
    assert database_counts() == counts


BAD_ITEM = {
    "count": 2,
    "values": [
        {"kpi": "N00002", "municipality": "0126", "period": 2023,
         "values": [{"count": 1, "gender": "T", "status": "", "value": 76.0}]},
        {"kpi": "N00002", "municipality": "0126", "period": "tjugotjugotre", "values": []},
    ],
}  # fmt: skip


def test_strict_mode_refuses_a_fault_naming_file_and_json_path_and_writes_nothing(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(BAD_ITEM))
    counts = database_counts()
    errors = StringIO()
    with pytest.raises(CommandError, match="1 fel eller varningar; inget har skrivits"):
        call_command(
            "import", "kolada", str(path), "--committee", "KS", "--year", "2023",
            "--fetched", "2026-11-20", "--strict", stderr=errors,
        )  # fmt: skip
    assert f"{path}: values[1].period: kolada.bad-item: 'tjugotjugotre' är inget årtal" in (
        errors.getvalue()
    )
    assert database_counts() == counts


def test_tolerant_mode_imports_the_rest_and_names_each_fault(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    path = tmp_path / "svar.json"
    path.write_text(json.dumps(BAD_ITEM))
    out = run(path, "--fetched", "2026-11-20")
    assert f"Varning: {path}: values[1].period: kolada.bad-item:" in out
    assert values("M1-I1")[-1] == (2023, "T", Decimal("76.0"), "Kolada", FETCHED)


@pytest.mark.parametrize(
    ("text", "fetched", "message"),
    [
        ('{"values": [', "2026-11-20", "svar.json:1: kolada.bad-json: ogiltig JSON"),
        ('{"rows": []}', "2026-11-20", "svar.json: kolada.bad-page: väntade en Kolada-sida"),
        ('{"values": []}', None, "svar.json: kolada.no-fetch-date:"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_even_when_tolerant(
    from_kolada: Dataset, tmp_path: Path, text: str, fetched: str | None, message: str
) -> None:
    path = tmp_path / "svar.json"
    path.write_text(text)
    counts = database_counts()
    errors = StringIO()
    more = ["--fetched", fetched] if fetched else []
    with pytest.raises(CommandError, match="inget har skrivits"):
        call_command(
            "import", "kolada", str(path), "--committee", "KS", "--year", "2023", *more,
            stderr=errors,
        )  # fmt: skip
    assert f"{tmp_path}/{message}" in errors.getvalue()
    assert database_counts() == counts


def test_the_fetcher_asks_for_the_indicators_kpis_and_saves_pages_the_importer_reads(
    from_kolada: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        page = "2" if request.url.params.get("page") == "2" else "1"
        return httpx.Response(200, text=(RECORDED / f"v3-page-{page}.json").read_text())

    def recorded_client(base_url: str) -> KoladaClient:
        return KoladaClient(base_url, transport=httpx.MockTransport(serve), min_interval=0)

    monkeypatch.setattr(kolada, "new_client", recorded_client)
    out = StringIO()
    folder = tmp_path / "kolada"
    call_command(
        "fetch", "kolada", "--committee", "KS", "--year", "2023", "--out", str(folder),
        stdout=out,
    )  # fmt: skip
    assert asked[0] == (
        "https://api.kolada.se/v3/data/kpi/N00002,N15428/municipality/0126/year/2021,2022,2023"
        "?per_page=5000"
    )
    assert len(list(folder.glob("kolada-*.json"))) == 2
    assert "Sparade 2 sidor från Kolada" in out.getvalue()
    run(folder)
    fetched = {row[4] for row in values("M1-I1") if row[3] == "Kolada"}
    assert fetched == {date.today()}


def test_fetching_without_kolada_indicators_is_refused_clearly(
    loaded: Dataset, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="inga av nämndens indikatorer har källan kolada"):
        call_command(
            "fetch", "kolada", "--committee", "KS", "--year", "2023", "--out", str(tmp_path)
        )


def imported(tmp_path: Path) -> None:
    run(pages(tmp_path, "v3-page-1.json", "v3-page-2.json"), "--fetched", "2026-11-20")


def test_the_report_says_where_the_values_came_from(from_kolada: Dataset, tmp_path: Path) -> None:
    imported(tmp_path)
    out = tmp_path / "rapport"
    call_command(
        "report", "--committee", "KS", "--period", "2023-T1", "--format", "json,html",
        "--out", str(out), stdout=StringIO(),
    )  # fmt: skip
    document = (out / "KS-2023-T1.json").read_text(encoding="utf-8")
    # Each of the goals has more indicators than the one taken from Kolada.
    shown = [
        "Källa för Oro för brottslighet i samhället (%): Kolada, hämtad 2026-11-20.",
        "Källa för Arbetsplatskvot: Kolada, hämtad 2026-11-20.",
    ]
    html = (out / "KS-2023-T1.html").read_text(encoding="utf-8")
    for text in shown:
        assert f'"text": "{text}"' in document
        assert text in html


def test_the_goal_page_shows_the_source_line_with_the_indicator(
    from_kolada: Dataset, tmp_path: Path, as_persona: Callable[[str], Client]
) -> None:
    imported(tmp_path)
    html = as_persona("reader").get("/kommun/0126/KS/2023-T1/mal/M1/").content.decode()
    assert f'Kolada N00002<br><span class="detail">{SOURCE_LINE}</span>' in html


def test_dump_and_load_keep_each_values_source_and_fetch_date(
    from_kolada: Dataset, tmp_path: Path
) -> None:
    imported(tmp_path)
    before = dataset_from_db(Year.objects.get())
    text = dump_dataset(before)
    assert "source: Kolada" in text
    assert "fetched: 2026-11-20" in text
    again, problems = parse_dataset(text, "dump.yaml")
    assert problems == []
    assert again == before
    path = tmp_path / "dump.yaml"
    path.write_text(text, encoding="utf-8")
    call_command("load", str(path), "--replace", stdout=StringIO(), stderr=StringIO())
    assert dataset_from_db(Year.objects.get()) == before
