"""The load test's people (bench/load.py) against the site as deployed, briefly.

Three people (a controller, a reporter, a reader) work for three seconds against `uppsikt
serve` on the test database, writing the same items, and every accepted write is followed by
one based on the version it replaced. What must hold whatever the speed: no 5xx, every stale
write refused with 409, no lost update. The figures are the benchmark's (docs/benchmarks.md).
"""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
from django.db import connection

from uppsikt.apps.datasets.services import load_dataset
from uppsikt.domain.dataset import Dataset

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(monkeypatch: pytest.MonkeyPatch, name: str) -> ModuleType:
    """bench/<name>.py as a module under the name its neighbours import it by (with bench/ on the
    path, for `run` and the load test's other modules beside it), until the test ends."""
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


@contextmanager
def served_database(folder: Path) -> Iterator[str]:
    """The test database as a server process opens it: PostgreSQL's own; SQLite's, which lives
    in this process's memory, copied to a file and, when the block ends, back."""
    if connection.vendor == "postgresql":
        given = connection.settings_dict
        password = f":{given['PASSWORD']}" if given["PASSWORD"] else ""
        address = f"{given['HOST'] or '127.0.0.1'}:{given['PORT'] or 5432}"
        yield f"postgres://{given['USER']}{password}@{address}/{given['NAME']}"
        return
    file = folder / "served.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(file)
    connection.connection.backup(copy)
    copy.close()
    yield f"sqlite:///{file}"
    copy = sqlite3.connect(file)
    copy.backup(connection.connection)
    copy.close()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_people_writing_the_same_items_at_once_get_409s_and_lose_no_update(
    example: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = bench_module(monkeypatch, "load_checks")
    crowd = bench_module(monkeypatch, "load_people")
    load = bench_module(monkeypatch, "load")
    load_dataset(example, reason="test")
    plan = crowd.plan_of()
    people = crowd.create_people(3)
    before = checks.database_state(plan)
    with (
        served_database(tmp_path) as database_url,
        load.serve(database_url, 2, tmp_path / "server.log") as served,
    ):
        recorded = crowd.run(served.url, people, plan, seconds=3, think=0.05, stale_share=1.0)
    after = checks.database_state(plan)

    assert checks.failures(recorded, len(people), plan, before, after) == []
    answers = Counter((write.key[0], write.status) for write in recorded.writes)
    assert answers[(checks.STATUS, 200)] > 0
    assert answers[(checks.FORECAST, 200)] > 0
    left_open = [write for write in recorded.writes if write.basis == checks.LEFT_OPEN]
    assert left_open
    assert {write.status for write in left_open} == {409}
    kinds = {checks.READ, checks.STATUS, checks.FORECAST}
    assert {sample.kind for sample in recorded.samples} == kinds
    written = {write.key for write in recorded.writes if write.status == 200}
    assert all(after[key][1] > before[key][1] for key in written)
