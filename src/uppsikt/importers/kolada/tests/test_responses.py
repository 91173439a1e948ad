"""Saved Kolada responses read into values: one page, a list of pages, a folder; null stays
missing; every fault named with its file and JSON path."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from uppsikt.domain.indicators import Gender
from uppsikt.domain.problems import Severity
from uppsikt.importers.kolada.client import Page
from uppsikt.importers.kolada.responses import CODES, read_responses, select
from uppsikt.importers.kolada.saved import save_pages, saved_text

TESTDATA = Path(__file__).parent / "testdata"
DAY = date(2026, 11, 20)


def rows(path: Path, fetched: date | None = DAY) -> list[tuple[str, str, int, str, str | None]]:
    found = read_responses(path, fetched)
    assert found.problems == []
    return [
        (
            item.kpi,
            item.area,
            item.year,
            item.gender.value,
            None if item.value is None else str(item.value),
        )
        for item in found.values
    ]


def test_a_page_gives_each_value_by_kpi_area_year_and_gender() -> None:
    assert rows(TESTDATA / "v3-page-1.json") == [
        ("N00002", "0126", 2022, "K", "79.3"),
        ("N00002", "0126", 2022, "M", "71.8"),
        ("N00002", "0126", 2022, "T", "75.4"),
        ("N00002", "0126", 2023, "K", "80.1"),
        ("N00002", "0126", 2023, "M", "72.0"),
        ("N00002", "0126", 2023, "T", "76.0"),
        ("N00002", "0000", 2023, "T", "78.2"),
    ]


def test_a_null_value_stays_missing_never_zero() -> None:
    found = read_responses(TESTDATA / "v3-page-2.json", DAY)
    missing = found.values[-1]
    assert (missing.kpi, missing.year, missing.value, missing.status) == (
        "N15428",
        2023,
        None,
        "Missing",
    )
    assert found.values[0].value == Decimal(12)


def test_a_v2_page_with_the_period_as_text_reads_the_same() -> None:
    assert rows(TESTDATA / "v2-page-1.json") == [("U00405", "0126", 2023, "T", "64.5")]


def test_org_unit_values_carry_the_units_id() -> None:
    assert rows(TESTDATA / "ou-page.json")[0][:2] == ("N15033", "V15E012600101")


def test_a_saved_page_gives_its_fetch_date_and_a_given_date_overrides_it() -> None:
    saved = read_responses(TESTDATA / "saved-page.json")
    assert [item.fetched for item in saved.values] == [date(2026, 11, 20)]
    given = read_responses(TESTDATA / "saved-page.json", date(2026, 12, 1))
    assert [item.fetched for item in given.values] == [date(2026, 12, 1)]


def test_a_list_of_pages_and_a_folder_of_pages_read_alike(tmp_path: Path) -> None:
    pages = [json.loads((TESTDATA / f"v3-page-{n}.json").read_text()) for n in (1, 2)]
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps(pages))
    folder = tmp_path / "folder"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"page-{n}.json").write_text((TESTDATA / f"v3-page-{n}.json").read_text())
    assert rows(listed) == rows(folder)
    found = read_responses(folder, DAY)
    assert (found.files, found.pages, len(found.values)) == (2, 2, 9)


def test_pages_saved_by_the_fetcher_read_back_with_their_fetch_date(tmp_path: Path) -> None:
    fetched = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)
    page = Page("https://api.kolada.se/v3/x", (TESTDATA / "v3-page-2.json").read_text(), fetched)
    written = save_pages([page, page], tmp_path)
    assert [path.name for path in written] == [
        "kolada-20261120T233000-001.json",
        "kolada-20261120T233000-002.json",
    ]
    saved = json.loads(written[0].read_text())
    assert saved["source"] == "Kolada"
    assert saved["response"] == json.loads(page.text)
    assert {item.fetched for item in read_responses(tmp_path).values} == {date(2026, 11, 20)}
    assert saved_text(page).endswith("}\n")


def problems(tmp_path: Path, text: str, fetched: date | None = DAY) -> list[str]:
    path = tmp_path / "svar.json"
    path.write_text(text, encoding="utf-8")
    return [str(problem) for problem in read_responses(path, fetched).problems]


def page(entries: str, wrapped: str | None = "") -> str:
    """A page of one item for N00002, 0126, 2023 whose `values` are `entries` (JSON)."""
    item = f'{{"kpi": "N00002", "municipality": "0126", "period": 2023, "values": {entries}}}'
    body = f'{{"values": [{item}]}}'
    return f'{{"source": "Kolada", {wrapped}"response": {body}}}' if wrapped is not None else body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"values": [', "svar.json:1: kolada.bad-json: ogiltig JSON: Expecting value (kolumn 13)"),
        ('{"count": 1}', "svar.json: kolada.bad-page: väntade en Kolada-sida"),
        ("[]", "svar.json: kolada.bad-page: listan har inga sidor"),
        ('[{"values": []}, 3]', "svar.json: [1]: kolada.bad-page: väntade en Kolada-sida"),
        ('{"count": "två", "values": []}', "svar.json: count: kolada.bad-page: väntade ett heltal"),
        (
            '{"source": "Kolada", "fetched": "i går", "response": {"values": []}}',
            "svar.json: fetched: kolada.bad-page: 'i går' är ingen tidpunkt",
        ),
        (
            '{"values": [{"municipality": "0126", "period": 2023, "values": []}]}',
            "svar.json: values[0].kpi: kolada.bad-item: nyckeltalets id saknas",
        ),
        (
            '{"values": [{"kpi": "N00002", "period": 2023, "values": []}]}',
            "svar.json: values[0].municipality: kolada.bad-item: kommunens eller enhetens id",
        ),
        (
            '{"values": [{"kpi": "N1", "municipality": "0126", "period": "år", "values": []}]}',
            "svar.json: values[0].period: kolada.bad-item: 'år' är inget årtal",
        ),
        (
            '{"values": [{"kpi": "N1", "municipality": "0126", "period": 2023}]}',
            "svar.json: values[0].values: kolada.bad-item: väntade en lista",
        ),
        (
            page('[{"gender": "X", "value": 1}]', None),
            "svar.json: values[0].values[0].gender: kolada.bad-value: 'X' är inget kön",
        ),
        (
            page('[{"gender": "T", "value": "74,1"}]', None),
            "svar.json: values[0].values[0].value: kolada.bad-value: '74,1' är varken ett tal",
        ),
        (
            page('[{"gender": "T", "value": true}]', None),
            "svar.json: values[0].values[0].value: kolada.bad-value: True är varken ett tal",
        ),
        (
            page("[7]"),
            "svar.json: response.values[0].values[0]: kolada.bad-value: väntade ett objekt",
        ),
    ],
)
def test_each_fault_is_named_with_its_file_and_json_path(
    tmp_path: Path, text: str, expected: str
) -> None:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].startswith(f"{tmp_path}/{expected}")


def test_file_faults_are_errors_and_item_faults_warnings(tmp_path: Path) -> None:
    path = tmp_path / "svar.json"
    path.write_text('{"values": [{"kpi": "N1"}]}')
    assert {problem.severity for problem in read_responses(path, DAY).problems} == {
        Severity.WARNING
    }
    path.write_text("[")
    assert {problem.severity for problem in read_responses(path, DAY).problems} == {Severity.ERROR}


def test_a_page_without_a_fetch_time_needs_a_given_date(tmp_path: Path) -> None:
    assert problems(tmp_path, '{"values": []}', None) == [
        (
            f"{tmp_path / 'svar.json'}: kolada.no-fetch-date: sidan säger inte när den hämtades; "
            "ange hämtningsdatum (--fetched ÅÅÅÅ-MM-DD)"
        )
    ]


def test_a_folder_without_json_is_an_error(tmp_path: Path) -> None:
    assert [str(p) for p in read_responses(tmp_path).problems] == [
        f"{tmp_path}: kolada.bad-page: mappen har inga .json-filer"
    ]


def test_every_code_used_is_listed() -> None:
    source = (Path(__file__).parents[1] / "responses.py").read_text()
    assert set(re.findall(r'"(kolada\.[a-z-]+)"', source)) == set(CODES)


def test_selecting_keeps_the_areas_values_of_the_kpis_asked_for_and_counts_the_rest() -> None:
    values = read_responses(TESTDATA / "v3-page-1.json", DAY).values
    values += read_responses(TESTDATA / "v3-page-2.json", DAY).values
    chosen = select(values, "0126", {"N00002", "U00405"})
    assert sorted((kpi, year, gender.value) for kpi, year, gender in chosen.chosen) == [
        ("N00002", 2022, "K"),
        ("N00002", 2022, "M"),
        ("N00002", 2022, "T"),
        ("N00002", 2023, "K"),
        ("N00002", 2023, "M"),
        ("N00002", 2023, "T"),
    ]
    assert chosen.other_kpis == {"N15428": 2}
    assert chosen.other_areas == {"0000": 1}
    assert chosen.missing(["N00002", "U00405"]) == ["U00405"]
    assert chosen.problems == []


def test_the_same_value_twice_is_one_and_two_different_values_are_a_conflict(
    tmp_path: Path,
) -> None:
    older, newer = tmp_path / "a.json", tmp_path / "b.json"
    older.write_text(
        page(
            '[{"gender": "T", "value": 75.0}, {"gender": "K", "value": 1}]',
            '"fetched": "2026-11-01T10:00:00+01:00", ',
        )
    )
    newer.write_text(
        page(
            '[{"gender": "T", "value": 76.0}, {"gender": "K", "value": 1}]',
            '"fetched": "2026-11-20T10:00:00+01:00", ',
        )
    )
    for order in ([newer, older], [older, newer]):
        values = [item for path in order for item in read_responses(path).values]
        chosen = select(values, "0126", {"N00002"})
        kept = chosen.chosen[("N00002", 2023, Gender.TOTAL)]
        assert (kept.value, kept.fetched) == (Decimal("76.0"), date(2026, 11, 20))
        assert chosen.chosen[("N00002", 2023, Gender.WOMEN)].fetched == date(2026, 11, 20)
        assert [problem.message.split(":")[0] for problem in chosen.problems] == ["kolada.conflict"]
        assert "värdet 76.0 (hämtat 2026-11-20) behålls, inte 75.0" in chosen.problems[0].message
