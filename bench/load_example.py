"""Benchmark: parse, load, read back and dump the example dataset."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from typing import TypeVar

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from uppsikt.apps.datasets.demo import EXAMPLE  # noqa: E402
from uppsikt.apps.datasets.services import dataset_from_db, load_dataset  # noqa: E402
from uppsikt.apps.organisation.models import Municipality  # noqa: E402
from uppsikt.apps.periods.models import Year  # noqa: E402
from uppsikt.importers.dataset import dump_dataset, read_dataset  # noqa: E402

T = TypeVar("T")


def timed(work: Callable[..., T], *args: object) -> tuple[float, T]:
    """Seconds the call took, and what it returned."""
    start = time.perf_counter()
    result = work(*args)
    return time.perf_counter() - start, result


def empty_database() -> None:
    """Remove what a previous run loaded (untimed); its history rows stay."""
    Municipality.objects.all().delete()


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    call_command("migrate", verbosity=0, interactive=False)
    parse, load, read, dump = [], [], [], []
    for _ in range(repeat):
        empty_database()
        seconds, (dataset, problems) = timed(read_dataset, EXAMPLE)
        assert dataset is not None, problems
        parse.append(seconds)
        load.append(timed(load_dataset, dataset)[0])
        seconds, from_db = timed(dataset_from_db, Year.objects.get())
        read.append(seconds)
        dump.append(timed(dump_dataset, from_db)[0])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux gives KiB
    vendor = connection.vendor
    for name, runs in (("parse", parse), ("load", load), ("read back", read), ("dump", dump)):
        print(
            json.dumps(
                {
                    "name": f"example: {name}",
                    "database": vendor,
                    "unit": "s",
                    "runs": runs,
                    "peak_memory_mb": round(peak / 2**20, 1),
                }
            )
        )


if __name__ == "__main__":
    main()
