"""`uppsikt check` on the example: findings with codes and places, non-zero on errors."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import PUBLISHED_SUMMARY
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db


def test_the_example_check_lists_the_published_errors_and_fails(loaded: Dataset) -> None:
    out = StringIO()
    with pytest.raises(CommandError, match="6 fel") as caught:
        call_command("check", "--committee", "KS", "--period", "2023-T1", stdout=out)
    assert caught.value.returncode == 1
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("error   table.stated-mismatch")
    assert "table/investeringar/summa-nyinvestering/prognos" in lines[0]
    assert "(väntat −42\u00a0263, angivet −42\u00a0063)" in lines[0]
    assert lines[-1] == "10 fynd, varav 6 fel."


def test_json_output_gives_every_field_of_a_finding(loaded: Dataset) -> None:
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("check", "--committee", "KS", "--period", "2023-T1", "--json", stdout=out)
    findings = json.loads(out.getvalue())
    assert set(findings[0]) == {
        "severity",
        "code",
        "place",
        "kind",
        "key",
        "row",
        "column",
        "message",
        "expected",
        "found",
    }
    assert {item["code"] for item in findings} == {
        "table.stated-mismatch",
        "economy.missing-comment",
    }


def test_a_written_wording_is_compared_with_the_data(loaded: Dataset, tmp_path: Path) -> None:
    published = tmp_path / "summary.txt"
    published.write_text(PUBLISHED_SUMMARY, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="9 fel"):
        call_command(
            "check",
            "--committee",
            "KS",
            "--period",
            "2023-T1",
            "--text",
            f"summary={published}",
            stdout=out,
        )
    assert out.getvalue().count("narrative.stated-figure-mismatch") == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--committee", "XX", "--period", "2023-T1"], "ingen nämnd XX"),
        (["--committee", "KS", "--period", "2023-T2"], "ingen period 2023-T2"),
        (["--committee", "KS", "--period", "2023"], "ingen period"),
        (["--committee", "KS"], "ange både --committee och --period"),
    ],
)
def test_a_wrong_committee_or_period_is_a_clear_error(
    loaded: Dataset, args: list[str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("check", *args, stdout=StringIO())


def test_without_a_committee_it_is_djangos_system_check() -> None:
    out = StringIO()
    call_command("check", stdout=out)
    assert "System check identified no issues" in out.getvalue()
