"""Loading and dumping through the database: all or nothing, and round trips exactly."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import database_counts
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.datasets.services import dataset_from_db
from uppsikt.apps.periods.models import CommitteePeriod, Year
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.reporting.services import freeze
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.dataset import read_dataset
from uppsikt.importers.dataset.tests.test_parse import ECONOMY, MALFORMED, MINIMAL, line_of

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_load_dump_load_gives_identical_data(tmp_path: Path, example: Dataset) -> None:
    run("load", str(EXAMPLE))
    first = tmp_path / "first.yaml"
    run("dump", "--out", str(first))
    from_db, problems = read_dataset(first)
    assert problems == []
    assert from_db == example

    run("load", str(first), "--replace")
    second = tmp_path / "second.yaml"
    run("dump", "--out", str(second))
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    assert dataset_from_db(Year.objects.get()) == example


def test_loading_a_year_twice_is_refused_unless_replacing(loaded: Dataset) -> None:
    before = database_counts()
    with pytest.raises(CommandError, match="har redan år 2023 i databasen; ange --replace"):
        run("load", str(EXAMPLE))
    assert database_counts() == before
    out, _ = run("load", str(EXAMPLE), "--replace")
    assert out.startswith("Ersatte Huddinge kommun 2023")
    assert Assignment.objects.count() == 24


def test_a_year_with_a_frozen_report_is_never_replaced(loaded: Dataset) -> None:
    period = CommitteePeriod.objects.get(period__kind="T1")
    freeze(period, None)
    before = database_counts()
    with pytest.raises(CommandError, match="har låsta rapporter, som aldrig tas bort"):
        run("load", str(EXAMPLE), "--replace")
    assert database_counts() == before
    assert FrozenReport.objects.filter(committee_period=period).count() == 4


def test_every_change_is_kept_in_history_with_its_reason(loaded: Dataset) -> None:
    assignment = Assignment.objects.get(code="U01")
    created = assignment.history.get()
    assert created.history_type == "+"
    assert created.history_change_reason == "test"
    assignment.text = "Ny lydelse"
    assignment.save()
    changed = assignment.history.first()
    delta = changed.diff_against(changed.prev_record)
    assert [(c.field, c.old[:30], c.new) for c in delta.changes] == [
        ("text", "Genomföra utredning om hur Hud", "Ny lydelse")
    ]


@pytest.mark.parametrize(
    ("old", "new", "fragment", "field", "message"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_a_malformed_file_is_refused_and_the_database_is_unchanged(
    tmp_path: Path, old: str, new: str, fragment: str, field: str, message: str
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL.replace('kolada_id: "9999"', 'kolada_id: "9998"'), encoding="utf-8")
    run("load", str(good))
    text = MINIMAL.replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    before = database_counts()
    err = StringIO()
    with pytest.raises(CommandError, match=r"fel i .*bad\.yaml; inget skrevs till databasen"):
        call_command("load", str(path), stdout=StringIO(), stderr=err)
    assert f"{path}:{line_of(text, fragment.strip())}: {field}".rstrip(": ") in err.getvalue()
    assert message in err.getvalue()
    assert database_counts() == before


def test_a_second_municipality_is_loaded_beside_the_first(loaded: Dataset, tmp_path: Path) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    run("load", str(path))
    assert Year.objects.count() == 2
    with pytest.raises(CommandError, match="flera år eller kommuner"):
        run("dump", "--out", str(tmp_path / "x.yaml"))
    out, _ = run("dump", "--out", "-", "--municipality", "9999")
    assert out.startswith("format: 1\n")


def test_every_record_of_the_format_survives_the_database(tmp_path: Path) -> None:
    # minimal.yaml and economy.yaml hold each record at least once: gender-split values, an
    # explicit empty value, assessments, a decision, risk scores, unit observations, nested
    # narratives, a frame, tables with every kind of column and row, comments, ledger rules.
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL + ECONOMY, encoding="utf-8")
    parsed, problems = read_dataset(path)
    assert problems == []
    run("load", str(path))
    assert dataset_from_db(Year.objects.get()) == parsed
