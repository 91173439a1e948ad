"""Benchmark: the committee-period overview and the economy tables under concurrent clients.

A fresh database gets the example dataset and the demo users; a controller is signed in. The
site runs as in production, `uppsikt serve` (gunicorn, one worker process per core) on
127.0.0.1; 10 client threads in this process keep one connection each alive and ask for the
pages as fast as they are answered, for a fixed time per page type (the overview, then the
economy tables round-robin), after one untimed round of every page per client. Each response's
`Server-Timing: app;dur=` (Uppsikt's middleware) gives the server time, from the request's
start in a worker to its response; the client counts from sending the request to the last byte
of the body, so it also holds the time a request waits for a free worker. The workers'
processor time (Linux's /proc) divided by the requests gives what a page costs.

The database: a SQLite file in a temporary folder; or, when `DATABASE_URL` names a PostgreSQL
server, a database `uppsikt_bench_web` made on that server for the run and dropped after it (the
database the URL names is left alone).

    .venv/bin/python bench/web_pages.py [--clients 10] [--seconds 20] [--workers N]

Prints a Markdown table and each page type's p95 against issue 5's target (under 100 ms); exits
with 1 when any request was not answered 200 or lacked its timing, never on slowness.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

BENCH_DATABASE = "uppsikt_bench_web"
OVERVIEW = "/kommun/0126/KS/2023-T1/"
REQUESTS_PER_CLIENT = 5_000  # a bound besides the time, whatever the speed
TARGET_MS = 100  # issue 5: p95 server time under 100 ms; reported, never asserted
TIMING = re.compile(r"(?:^|,\s*)app;dur=([\d.]+)")


def postgres_admin(url: str) -> str:
    """The URL of the server's maintenance database, from which databases are made and dropped."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def bench_database(url: str, folder: str) -> str:
    """The URL of a fresh database for the run: PostgreSQL's when `url` names a server."""
    if urlsplit(url).scheme.startswith("postgres"):
        with psycopg.connect(postgres_admin(url), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {BENCH_DATABASE}")
        return urlunsplit(urlsplit(url)._replace(path=f"/{BENCH_DATABASE}"))
    return f"sqlite:///{folder}/bench.sqlite3"


# The server process inherits the database the benchmark made.
FOLDER = tempfile.TemporaryDirectory(prefix="uppsikt-bench-web-")  # removed at exit
os.environ["DATABASE_URL"] = bench_database(os.environ.get("DATABASE_URL", ""), FOLDER.name)
os.environ["DJANGO_SETTINGS_MODULE"] = "uppsikt.web.settings"
os.environ.pop("UPPSIKT_DEBUG", None)  # measured as deployed: DEBUG off

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from run import machine  # noqa: E402
from uppsikt.apps.datasets.demo import EXAMPLE, ensure_demo_users, ensure_example  # noqa: E402
from uppsikt.apps.economy.models import FinancialTable  # noqa: E402


def free_port() -> int:
    """A loopback port no one listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    """`uppsikt serve` on the port, once it answers."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uppsikt",
            "serve",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("uppsikt serve did not start within 60 s")


@dataclass(frozen=True)
class Sample:
    """One request: the page, its status, the server's and the client's milliseconds."""

    path: str
    status: int
    server_ms: float | None
    client_ms: float


def fetch(conn: http.client.HTTPConnection, path: str, cookie: str) -> Sample:
    """GET `path` on a kept-alive connection; a failure is a sample with status 0."""
    start = time.perf_counter()
    try:
        conn.request("GET", path, headers={"Cookie": cookie})
        response = conn.getresponse()
        response.read()
    except (OSError, http.client.HTTPException):
        conn.close()  # the next request opens a new connection
        return Sample(path, 0, None, (time.perf_counter() - start) * 1000)
    elapsed = (time.perf_counter() - start) * 1000
    found = TIMING.search(response.getheader("Server-Timing", ""))
    return Sample(path, response.status, float(found.group(1)) if found else None, elapsed)


@dataclass(frozen=True)
class Site:
    """The server under test: its port and process, and the signed-in controller's cookie."""

    port: int
    pid: int
    cookie: str


def run_clients(
    site: Site, paths: list[str], clients: int, work: Callable[[int], bool]
) -> list[Sample]:
    """Each client asks for `paths` in turn, from its own starting point, while `work` says so."""

    def client(index: int) -> list[Sample]:
        conn = http.client.HTTPConnection("127.0.0.1", site.port, timeout=60)
        samples: list[Sample] = []
        while work(len(samples)):
            samples.append(fetch(conn, paths[(index + len(samples)) % len(paths)], site.cookie))
        conn.close()
        return samples

    with ThreadPoolExecutor(clients) as pool:
        return [sample for samples in pool.map(client, range(clients)) for sample in samples]


def cpu_seconds(pid: int) -> float | None:
    """The processor time a process and its children (the workers) have used, from Linux's
    /proc; None where it cannot be read."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0.0
        for process in [str(pid), *children]:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None
    return total  # utime + stime


@dataclass(frozen=True)
class Phase:
    """One page type's run: its samples, seconds, and the server's processor seconds."""

    samples: list[Sample]
    seconds: float
    cpu: float | None


def load(site: Site, paths: list[str], clients: int, seconds: float) -> Phase:
    """`clients` asking for `paths` for `seconds`, with the server's processor time meanwhile."""
    cpu_before = cpu_seconds(site.pid)
    start = time.perf_counter()
    deadline = start + seconds
    samples = run_clients(
        site,
        paths,
        clients,
        lambda done: done < REQUESTS_PER_CLIENT and time.perf_counter() < deadline,
    )
    elapsed = time.perf_counter() - start
    cpu_after = cpu_seconds(site.pid)
    cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    return Phase(samples, elapsed, cpu)


def percentiles(values: list[float]) -> str:
    """p50 / p95 / p99 in milliseconds."""
    if len(values) < 2:
        return " / ".join([f"{values[0]:.0f}" if values else "–"] * 3)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return " / ".join(f"{cuts[p - 1]:.0f}" for p in (50, 95, 99))


def row(name: str, samples: list[Sample], seconds: float, cpu: float | None = None) -> str:
    """A line of the results table."""
    errors = sum(1 for sample in samples if sample.status != 200)
    server = [s.server_ms for s in samples if s.status == 200 and s.server_ms is not None]
    client = [sample.client_ms for sample in samples if sample.status == 200]
    per_request = f"{cpu * 1000 / len(samples):.0f}" if cpu is not None and samples else "–"
    return (
        f"| {name} | {len(samples)} | {errors} | {percentiles(server)} | {percentiles(client)}"
        f" | {len(samples) / seconds:.1f}/s | {per_request} |"
    )


def verdicts(results: dict[str, Phase]) -> str:
    """Each page type's p95 server time, and whether it is under the target."""
    said = []
    for name, phase in results.items():
        server = [s.server_ms for s in phase.samples if s.status == 200 and s.server_ms is not None]
        if len(server) < 2:
            said.append(f"{name} not measured")
            continue
        p95 = statistics.quantiles(server, n=100, method="inclusive")[94]
        said.append(f"{name} {p95:.0f} ms ({'met' if p95 < TARGET_MS else 'not met'})")
    return ", ".join(said)


def database_name() -> str:
    """The database as the results name it."""
    if connection.vendor == "sqlite":
        return f"SQLite {sqlite3.sqlite_version} (a file, WAL)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0].split()[0]} on loopback"


def prepare() -> tuple[str, list[str]]:
    """The database with the example and a signed-in controller: its cookie, and the tables."""
    call_command("migrate", verbosity=0, interactive=False)
    _, kolada_id = ensure_example(EXAMPLE)
    ensure_demo_users(kolada_id)
    browser = Client()
    browser.force_login(User.objects.get(username="controller"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    tables = list(
        FinancialTable.objects.filter(
            committee_year__committee__code="KS", committee_year__year__year=2023
        )
        .order_by("position", "pk")
        .values_list("key", flat=True)
    )
    return cookie, tables


def drop_database() -> None:
    """Drop the PostgreSQL database the run made."""
    connections.close_all()
    if connection.vendor == "postgresql":
        with psycopg.connect(postgres_admin(os.environ["DATABASE_URL"]), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def measure(arguments: argparse.Namespace) -> int:
    """Run the benchmark against a server process; 1 when any request failed."""
    cookie, tables = prepare()
    pages = {"overview": [OVERVIEW], "economy tables": [f"{OVERVIEW}ekonomi/{t}/" for t in tables]}
    described = database_name()
    load_average = os.getloadavg()[0]
    connections.close_all()
    port = free_port()
    server = start_server(port, arguments.workers)
    try:
        site = Site(port, server.pid, cookie)
        everything = [path for paths in pages.values() for path in paths]
        warm = run_clients(site, everything, arguments.clients, lambda done: done < len(everything))
        results = {
            name: load(site, paths, arguments.clients, arguments.seconds)
            for name, paths in pages.items()
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    print(
        f"Machine: {machine()}. Date: {date.today().isoformat()}. {described}. "
        f"uppsikt serve with {arguments.workers} workers; "
        f"{arguments.clients} clients, {arguments.seconds:g} s per page type, "
        f"after {len(warm)} warm-up requests; load average {load_average:.1f} before.\n"
    )
    print(
        "| pages | requests | errors | server p50 / p95 / p99 ms | client p50 / p95 / p99 ms"
        " | throughput | server CPU ms per request |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, phase in results.items():
        print(row(name, phase.samples, phase.seconds, phase.cpu))
    economy = results["economy tables"]
    for table in tables:
        path = f"{OVERVIEW}ekonomi/{table}/"
        asked = [sample for sample in economy.samples if sample.path == path]
        print(row(f"· {table}", asked, economy.seconds))
    print(f"\np95 of the server time, target under {TARGET_MS} ms: {verdicts(results)}.")
    # A page without its Server-Timing header could not be measured: it counts as failed too.
    everything_asked = [*warm, *(sample for phase in results.values() for sample in phase.samples)]
    failed = sorted(
        {
            (sample.path, sample.status if sample.status != 200 else "no Server-Timing")
            for sample in everything_asked
            if sample.status != 200 or sample.server_ms is None
        },
        key=str,
    )
    if failed:
        print(f"\nFailed requests (page, status): {failed[:10]}", file=sys.stderr)
    return 1 if failed else 0


def main() -> int:
    """Parse the arguments, measure, and drop the database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=10, help="concurrent clients (10)")
    parser.add_argument("--seconds", type=float, default=20, help="seconds per page type (20)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="server processes (one per core)"
    )
    try:
        return measure(parser.parse_args())
    finally:
        drop_database()


if __name__ == "__main__":
    sys.exit(main())
