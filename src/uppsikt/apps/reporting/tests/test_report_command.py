"""`uppsikt report`: every format asked for, the same bytes again, and nothing on a failure."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from uppsikt.apps.narratives.models import Narrative
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PERIOD = ("--committee", "KS", "--period", "2023-T1")


def report(out: Path, *args: str) -> str:
    printed = StringIO()
    call_command("report", *PERIOD, "--out", str(out), *args, stdout=printed)
    return printed.getvalue()


def test_each_format_is_written_under_the_committee_and_period(
    loaded: Dataset, tmp_path: Path
) -> None:
    printed = report(tmp_path / "rapporter", "--format", "pdf,docx,html,json")
    written = sorted(path.name for path in (tmp_path / "rapporter").iterdir())
    assert written == ["KS-2023-T1.docx", "KS-2023-T1.html", "KS-2023-T1.json", "KS-2023-T1.pdf"]
    assert printed.count("Skrev ") == 4
    folder = tmp_path / "rapporter"
    assert (folder / "KS-2023-T1.pdf").read_bytes().startswith(b"%PDF-1.7")
    assert (folder / "KS-2023-T1.docx").read_bytes().startswith(b"PK")
    assert "<h1>Kommunstyrelsen: Delårsrapport per 30 april 2023</h1>" in (
        folder / "KS-2023-T1.html"
    ).read_text(encoding="utf-8")
    document = json.loads((folder / "KS-2023-T1.json").read_text(encoding="utf-8"))
    assert document["meta"]["committee"] == "Kommunstyrelsen"


def test_with_source_date_epoch_the_same_data_gives_the_same_bytes(
    loaded: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    report(tmp_path / "a")
    report(tmp_path / "b")
    for name in ("KS-2023-T1.pdf", "KS-2023-T1.docx", "KS-2023-T1.html"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf,xls"), "okänt format xls"),
        (("--docx-template", "finns-inte.docx"), "Word-mallen finns-inte.docx finns inte"),
    ],
)
def test_a_wrong_argument_is_named_and_nothing_is_written(
    loaded: Dataset, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        report(tmp_path / "ut", *args)
    assert not (tmp_path / "ut").exists()


def test_an_unknown_committee_or_period_is_named(loaded: Dataset, tmp_path: Path) -> None:
    for committee, period in (("XX", "2023-T1"), ("KS", "2023-T2"), ("KS", "2023-T7")):
        with pytest.raises(CommandError):
            call_command(
                "report", "--committee", committee, "--period", period, "--out", str(tmp_path)
            )
    assert list(tmp_path.iterdir()) == []


def test_a_broken_word_template_writes_no_format_at_all(loaded: Dataset, tmp_path: Path) -> None:
    template = tmp_path / "mall.docx"
    template.write_bytes(b"inte en Word-fil")
    with pytest.raises(CommandError, match="kan inte läsas som en Word-fil"):
        report(tmp_path / "ut", "--format", "pdf,docx", "--docx-template", str(template))
    assert not (tmp_path / "ut").exists()


def test_a_text_citing_an_unknown_figure_stops_the_report_naming_the_text(
    loaded: Dataset, tmp_path: Path
) -> None:
    Narrative.objects.filter(key="summary").update(body="Utfallet är {ekonomi.finns.inte}.")
    with pytest.raises(CommandError, match="textavsnittet 'summary' rad 1"):
        report(tmp_path / "ut")
    assert not (tmp_path / "ut").exists()
