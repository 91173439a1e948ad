"""Benchmark: the example's report from the database in each format, and LibreOffice beside it.

Three ways of counting, each honest about what it leaves out:

- **cold**: a fresh process that has imported Uppsikt and its libraries (untimed) builds the
  document from the database and renders it, with nothing drawn, compiled or memoised yet: what
  the first report of a worker costs. One fresh process per run and per format;
- **warm**: the same process renders the same document again, as a web server does when the
  report is asked for twice (charts drawn once per process, Typst memoises unchanged parts);
- **command**: `uppsikt report` in a fresh process, Python's, Django's and the libraries' start
  included: what a person at the terminal waits.

LibreOffice converting the Word file to PDF is the route many municipalities take today; its
time includes starting LibreOffice, as each conversion does.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from uppsikt.apps.datasets.demo import EXAMPLE  # noqa: E402
from uppsikt.apps.datasets.services import load_dataset  # noqa: E402
from uppsikt.apps.organisation.models import Municipality  # noqa: E402
from uppsikt.apps.periods.models import Year  # noqa: E402
from uppsikt.apps.reporting.services import render, report_document  # noqa: E402
from uppsikt.domain.periods import PeriodKey  # noqa: E402
from uppsikt.importers.dataset import read_dataset  # noqa: E402

PERIOD = PeriodKey.parse("2023-T1")
FORMATS = {"pdf": "PDF/UA", "docx": "Word", "html": "HTML"}
ALL = ",".join(FORMATS)


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def report(formats: str) -> None:
    """Build the document from the database and render it in each of `formats`."""
    document = report_document(Year.objects.get(), "KS", PERIOD)
    for format_ in formats.split(","):
        render(document, format_)


def cold(formats: str) -> float:
    """Seconds a fresh, imported process takes for the report in `formats` (see --once)."""
    output = subprocess.run(
        [sys.executable, __file__, "--once", formats],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return float(output.strip().splitlines()[-1])


def command(formats: str) -> float:
    """Seconds `uppsikt report` takes in a fresh process, everything's start included."""
    uppsikt = Path(sys.executable).parent / "uppsikt"
    with tempfile.TemporaryDirectory() as folder:
        arguments = ["--committee", "KS", "--period", str(PERIOD), "--format", formats]
        return seconds(
            partial(
                subprocess.run,
                [uppsikt, "report", *arguments, "--out", folder],
                check=True,
                capture_output=True,
            )
        )


def libreoffice(word: bytes) -> float | None:
    """Seconds LibreOffice takes to convert the Word file to PDF, or None without LibreOffice."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rapport.docx"
        source.write_bytes(word)
        profile = f"-env:UserInstallation=file://{folder}/profile"
        arguments = ["--headless", "--convert-to", "pdf", "--outdir", folder, str(source)]
        elapsed = seconds(
            partial(
                subprocess.run,
                [soffice, profile, *arguments],
                check=True,
                capture_output=True,
                timeout=300,
            )
        )
        assert (Path(folder) / "rapport.pdf").stat().st_size > 0
        return elapsed


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("migrate", verbosity=0, interactive=False)
    Municipality.objects.all().delete()
    dataset, problems = read_dataset(EXAMPLE)
    assert dataset is not None, problems
    load_dataset(dataset)

    runs: dict[str, list[float]] = {}
    for format_, name in FORMATS.items():
        runs[f"cold: build + {name}"] = [cold(format_) for _ in range(repeat)]
    runs["cold: build + all three"] = [cold(ALL) for _ in range(repeat)]
    report(ALL)  # draws the charts and fills Typst's memo in this process
    for format_, name in FORMATS.items():
        runs[f"warm: build + {name}"] = [seconds(partial(report, format_)) for _ in range(repeat)]
    runs["warm: build + all three"] = [seconds(partial(report, ALL)) for _ in range(repeat)]
    runs["command: uppsikt report, PDF/UA"] = [command("pdf") for _ in range(3)]
    runs["command: uppsikt report, all three"] = [command(ALL) for _ in range(3)]
    word = render(report_document(Year.objects.get(), "KS", PERIOD), "docx")
    converted = [libreoffice(word) for _ in range(3)]
    if all(value is not None for value in converted):
        runs["LibreOffice: Word file to PDF"] = [float(value or 0) for value in converted]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    for name, values in runs.items():
        result = {
            "name": f"report, {name}",
            "database": connection.vendor,
            "runs": values,
            "peak_memory_mb": round(peak / 2**20),
        }
        print(json.dumps(result))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--once"]:
        print(seconds(partial(report, sys.argv[2])))
    else:
        main()
