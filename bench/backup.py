"""Benchmark: `uppsikt backup` and `uppsikt restore` of the example with a large ledger.

The database (`DATABASE_URL`, a scratch one: it is emptied) gets the example and ROWS
generated ledger rows (as `bench/ledger.py` makes them, untimed), and an uploaded file of 1 MB
under a temporary MEDIA_ROOT. Then, RUNS times: the backup of everything ("backup"), the database emptied as a
new one would be (`flush`, untimed), and the archive restored into it ("restore": checking
every SHA-256 and the manifest, writing every table in one transaction, building the ledger's
index, resetting sequences, checking foreign keys). Each run also prints the archive's size and
the processor time the step took (which a busy machine inflates less than the wall-clock).

Run by `bench/run.py`; `python bench/backup.py [ROWS] [RUNS]` runs it alone.
"""

from __future__ import annotations

import io
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ledger import generated_rows, write_ledger  # noqa: E402
from uppsikt.apps.datasets.backup import write_backup  # noqa: E402
from uppsikt.apps.datasets.demo import EXAMPLE  # noqa: E402
from uppsikt.apps.datasets.restore import restore_backup  # noqa: E402
from uppsikt.apps.economy.models import LedgerEntry  # noqa: E402
from uppsikt.apps.periods.models import CommitteeYear  # noqa: E402


def report(name: str, runs: list[float], extra: dict[str, object]) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "name": name,
                "database": connection.vendor,
                "unit": "s",
                "runs": runs,
                "peak_memory_mb": round(peak, 1),
                **extra,
            }
        )
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with tempfile.TemporaryDirectory() as folder:
        settings.MEDIA_ROOT = Path(folder) / "media"
        (settings.MEDIA_ROOT / "importer").mkdir(parents=True)
        (settings.MEDIA_ROOT / "importer" / "huvudbok.csv").write_bytes(os.urandom(1 << 20))
        call_command("migrate", verbosity=0, interactive=False)
        call_command("flush", verbosity=0, interactive=False)
        call_command("load", str(EXAMPLE), verbosity=0, stdout=io.StringIO())
        write_ledger(generated_rows(count, CommitteeYear.objects.get().pk))
        total = 0
        backups, restores, sizes, cpu = [], [], [], []
        for run in range(repeat):
            archive = Path(folder) / f"uppsikt-{run}.tar"
            start, processor = time.perf_counter(), time.process_time()
            manifest = write_backup(archive)
            backups.append(time.perf_counter() - start)
            cpu.append(("backup", round(time.process_time() - processor, 1)))
            sizes.append(round(archive.stat().st_size / 2**20, 1))
            total = sum(table.rows for table in manifest.tables)
            call_command("flush", verbosity=0, interactive=False)
            settings.MEDIA_ROOT = Path(folder) / f"media-{run}"
            start, processor = time.perf_counter(), time.process_time()
            restore_backup(archive)
            restores.append(time.perf_counter() - start)
            cpu.append(("restore", round(time.process_time() - processor, 1)))
            assert LedgerEntry.objects.count() == count
        rows = f"{count:,}".replace(",", " ")
        for step, runs in (("backup", backups), ("restore", restores)):
            extra = {
                "rows": total,
                "archive_mb": sizes,
                "cpu_s": [seconds for name, seconds in cpu if name == step],
            }
            report(f"{step}: example + {rows} ledger rows", runs, extra)


if __name__ == "__main__":
    main()
