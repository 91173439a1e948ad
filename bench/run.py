"""Run every benchmark on SQLite and, when reachable, PostgreSQL; print a Markdown table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import cast

import psycopg

HERE = Path(__file__).parent
# Each benchmark script with its arguments; `--quick` runs the ledger with 200 000 rows, the
# report twice, the SIE import with 100 000 transactions once and the backup with 100 000 rows.
BENCHMARKS = [
    ("load_example.py", []),
    ("ledger.py", ["5000000"]),
    ("report.py", []),
    ("sie_import.py", ["1000000"]),
    ("backup.py", ["1000000"]),
]
POSTGRES_ADMIN = os.environ.get(
    "UPPSIKT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test"
)
BENCH_DATABASE = "uppsikt_bench"
QUICK = {
    "ledger.py": ["200000"],
    "report.py": ["2"],
    "sie_import.py": ["100000", "1"],
    "backup.py": ["100000", "1"],
}


def postgres_url() -> str | None:
    """A fresh benchmark database on the test server, or None when it does not answer."""
    try:
        with psycopg.connect(POSTGRES_ADMIN, connect_timeout=2, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE}")
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    except psycopg.Error:
        return None
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + BENCH_DATABASE


def run(script: str, args: list[str], database_url: str) -> list[dict[str, object]]:
    """The results one benchmark script prints, one JSON line each."""
    env = {**os.environ, "DATABASE_URL": database_url}
    output = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    model = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            cpu,
        )
        if Path("/proc/cpuinfo").exists()
        else cpu
    )
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{model}, {os.cpu_count()} cores, {memory_gib:.0f} GiB, Python {platform.python_version()}"
    )


def main() -> None:
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        databases = [f"sqlite:///{folder}/bench.sqlite3"]
        pg = postgres_url()
        if pg:
            databases.append(pg)
        quick = "--quick" in sys.argv
        for script, args in BENCHMARKS:
            for url in databases:
                results.extend(run(script, QUICK.get(script, args) if quick else args, url))
    print(f"Machine: {machine()}. Date: {date.today().isoformat()}.\n")
    print("| benchmark | database | median | min | max | runs | peak memory |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for result in results:
        runs = [float(value) for value in cast("list[float]", result["runs"])]
        print(
            f"| {result['name']} | {result['database']} | {statistics.median(runs) * 1000:.0f} ms"
            f" | {min(runs) * 1000:.0f} ms | {max(runs) * 1000:.0f} ms | {len(runs)}"
            f" | {result['peak_memory_mb']} MB |"
        )


if __name__ == "__main__":
    main()
