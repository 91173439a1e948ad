"""`uppsikt import sie` tells how far a large file has come, on stderr, and a small one nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from uppsikt.apps.economy.imports import import_sie
from uppsikt.apps.economy.progress import LARGE_FILE, Progress, ProgressPrinter
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.sie.reading import TICK

HEADER = '#FLAGGA 0\n#SIETYP 4\n#RAR 0 20230101 20231231\n#DIM 1 "Ansvar"\n'
VOUCHER = '#VER A {n} 202301{day:02d} "Hyra"\n{{\n   #TRANS 5010 {{1 "1100"}} 600.00\n'
VOUCHER += "   #TRANS 1930 {{}} -600.00\n}}\n"


def sie_file(tmp_path: Path, vouchers: int) -> Path:
    path = tmp_path / "bok.se"
    body = "".join(VOUCHER.format(n=n, day=n % 28 + 1) for n in range(vouchers))
    path.write_text(HEADER + body, encoding="cp437")
    return path


@pytest.mark.django_db
def test_a_small_file_shows_no_progress(loaded: Dataset, tmp_path: Path) -> None:
    out, err = StringIO(), StringIO()
    path = sie_file(tmp_path, 2)
    call_command(
        "import", "sie", str(path), "--committee", "KS", "--year", "2023", stdout=out, stderr=err
    )
    assert path.stat().st_size < LARGE_FILE
    assert "2 verifikationer, 4 transaktioner." in out.getvalue()
    assert err.getvalue() == ""


@pytest.mark.django_db
def test_the_import_tells_its_progress_as_it_reads_and_at_the_end(
    loaded: Dataset, tmp_path: Path
) -> None:
    path = sie_file(tmp_path, 2 * TICK // 5 + 1)  # a voucher is five lines
    told: list[Progress] = []
    found = import_sie(path, CommitteeYear.objects.get(year__year=2023), progress=told.append)
    size, lines = path.stat().st_size, len(path.read_bytes().splitlines())
    assert found.transactions == 2 * (2 * TICK // 5 + 1)
    assert [progress.lines for progress in told] == [TICK, 2 * TICK, lines]
    assert 0 < told[0].read < told[1].read < told[2].read == size
    assert {progress.size for progress in told} == {size}


def test_progress_is_printed_at_every_tenth_of_the_file() -> None:
    printed: list[str] = []
    printer = ProgressPrinter(printed.append, "bok.se", clock=lambda: 0.0)
    for read in range(0, 100_000_001, 2_500_000):
        printer(Progress(read, 100_000_000, read // 63))
    assert printed[0] == "bok.se: 10 % läst (10,0 av 100,0 MB, 158\u00a0730 rader)"
    assert [line.split(":")[1].split("%")[0].strip() for line in printed] == [
        "10", "20", "30", "40", "50", "60", "70", "80", "90", "100",
    ]  # fmt: skip


def test_progress_is_printed_every_few_seconds_while_a_tenth_takes_long() -> None:
    printed: list[str] = []
    now = [0.0]
    printer = ProgressPrinter(printed.append, "bok.se", every=5.0, clock=lambda: now[0])
    for second in range(1, 13):
        now[0] = float(second)
        printer(Progress(second * 10_000, 10_000_000, second * 100))
    assert len(printed) == 2  # at 5 and at 10 seconds
    assert printed[1].startswith("bok.se: 1 % läst (0,1 av 10,0 MB")
