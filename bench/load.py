"""Load test: many people reading and writing at once, against gunicorn and PostgreSQL.

A fresh PostgreSQL database (`uppsikt_load_<pid>`, made on the server `--postgres` names and
dropped afterwards) is migrated and gets the example dataset and `--users` generated people: a
fifth controllers of the committee, three tenths readers, the rest reporters (four in five on
the administration, which holds every assignment; the others on a department below it, who may
write nothing). Each person gets an API token. The site runs as deployed: `uppsikt serve`
(gunicorn) on 127.0.0.1, without UPPSIKT_DEBUG, with a secret key and a public address of its own.

Each person signs in through the login form (with its CSRF token), then, for `--seconds`, reads
pages (the committee's period, goal pages, economy tables, assignment pages, Mina uppgifter) and
the API's period, assignments and tables, pausing between actions; controllers and reporters on
the administration also update assignment statuses and comments, and controllers edit
forecasts, through the API: read the item (its ETag), pause as someone typing, write it with
`If-Match`. Half of the writes go to the same two assignments and the same two forecasts, so
that people write over each other; a refused write is, one time in two, sent again based on the
version the 409 gave (replacing the other change knowingly), and now and then a person sends a
write based on the version their own accepted write has just replaced (a page left open).

Every request's status and time are recorded. The checks, each failing the run (exit 1): no
5xx; every write answered 200 or 409; every write based on a version that an accepted write had
replaced before it was sent answered 409; no lost update: for every written item the accepted
writes made consecutive, distinct versions, and the database holds the one with the highest
version, at that version. The web forms are not used for writes: the assignment form answers a
stale save 200 with the other person's change shown, the API 409 (docs/api.md).

The people are in bench/load_people.py, the records and the checks in bench/load_checks.py,
the results' tables in bench/load_report.py.

    .venv/bin/python bench/load.py [--users 50] [--seconds 60] [--workers N] [--think 0.5]
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import httpx
import psycopg
from django.core.management import call_command
from django.db import connection, connections

from load_checks import Plan, database_state, failures
from load_people import LOGIN, Person, create_people, plan_of, run
from load_report import tables
from run import machine

POSTGRES = "postgres://root@127.0.0.1:5432/postgres"


# The server


def free_port() -> int:
    """A loopback port no one listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """The server under test: its address and its master process."""

    url: str
    pid: int


@contextmanager
def serve(database_url: str, workers: int, log: Path) -> Iterator[Served]:
    """`uppsikt serve` on the database, as deployed (no debug), until the block ends."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "UPPSIKT_SECRET_KEY": secrets.token_urlsafe(50),
        "UPPSIKT_PUBLIC_URL": base_url,  # production, over plain HTTP: TLS is the proxy's
    }
    environment.pop("UPPSIKT_DEBUG", None)
    with log.open("wb") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uppsikt",
                "serve",
                f"--bind=127.0.0.1:{port}",
                f"--workers={workers}",
            ],
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(base_url + LOGIN, timeout=10).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"uppsikt serve did not start; see {log}")
            time.sleep(0.2)
        yield Served(base_url, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# The run


def postgres_version() -> str:
    """The database server's version, as the results name it."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0]).split()[0]


def prepare(users: int) -> tuple[Plan, list[Person]]:
    """Migrate the fresh database, load the example and create the people."""
    from uppsikt.apps.datasets.demo import EXAMPLE, ensure_example  # noqa: PLC0415

    call_command("migrate", verbosity=0, interactive=False)
    ensure_example(EXAMPLE)
    return plan_of(), create_people(users)


def measure(arguments: argparse.Namespace, database_url: str) -> int:
    """Prepare, run the people against the server, check, and print; 1 when a check failed."""
    django.setup()
    plan, people = prepare(arguments.users)
    before = database_state(plan)
    version = postgres_version()
    connections.close_all()  # the server's workers are the database's users now
    folder = Path(tempfile.mkdtemp(prefix="uppsikt-load-"))
    load_before = os.getloadavg()
    cpu_before = time.process_time()
    with serve(database_url, arguments.workers, folder / "server.log") as served:
        recorded = run(
            served.url,
            people,
            plan,
            seconds=arguments.seconds,
            think=arguments.think,
            stale_share=arguments.stale_share,
            seed=arguments.seed,
            server=served.pid,
        )
    client_cpu = time.process_time() - cpu_before
    load_after = os.getloadavg()
    after = database_state(plan)
    found = failures(recorded, len(people), plan, before, after)
    roles = Counter(person.role for person in people)
    server_cpu = recorded.server_cpu or 0.0
    print(
        f"Machine: {machine()}. Date: {time.strftime('%Y-%m-%d')}. PostgreSQL {version} on"
        f" loopback. uppsikt serve (gunicorn) with {arguments.workers} workers, no debug."
        f" {len(people)} people ({roles['controller']} controllers, {roles['reporter']}"
        f" reporters, {roles['reader']} readers) for {recorded.seconds:.1f} s, pausing"
        f" 0–{2 * arguments.think:g} s between actions. Load average (1, 5, 15 min) before"
        f" {', '.join(f'{x:.1f}' for x in load_before)}, after"
        f" {', '.join(f'{x:.1f}' for x in load_after)}; the clients' own processor time"
        f" {client_cpu:.0f} s; the server's (master and workers, after the sign-ins)"
        f" {server_cpu:.0f} s, {server_cpu * 1000 / max(1, len(recorded.samples)):.0f} ms a"
        " request.\n"
    )
    print(tables(recorded, plan))
    print("\nChecks:")
    stale = sum(
        1
        for w in recorded.writes
        if any(
            a.key == w.key
            and a.status == 200
            and (a.version or 0) > w.based_on
            and a.answered < w.sent
            for a in recorded.writes
        )
    )
    print(f"- no 5xx among {len(recorded.samples)} requests")
    print(f"- every write answered 200 or 409; {stale} known stale when sent, each answered 409")
    print(f"- no lost update on the {len({w.key for w in recorded.writes})} items written")
    print(f"\n{'FAILED' if found else 'PASSED'}")
    for line in found:
        print(f"  {line}", file=sys.stderr)
    if found:
        print(f"The server's log: {folder / 'server.log'}", file=sys.stderr)
    else:
        (folder / "server.log").unlink()
        folder.rmdir()
    return 1 if found else 0


def main() -> int:
    """Make the database, measure, and drop the database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", type=int, default=50, help="people working at once (50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long they work (60)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 2, help="server processes (one per core)"
    )
    parser.add_argument(
        "--think", type=float, default=0.5, help="mean pause between actions, s (0.5)"
    )
    parser.add_argument(
        "--stale-share",
        type=float,
        default=0.1,
        help="share of accepted writes followed by one based on the replaced version (0.1)",
    )
    parser.add_argument("--seed", type=int, default=7, help="the people's random choices (7)")
    parser.add_argument("--postgres", default=POSTGRES, help=f"the server's database ({POSTGRES})")
    arguments = parser.parse_args()
    name = f"uppsikt_load_{os.getpid()}"
    with psycopg.connect(arguments.postgres, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    database_url = urlunsplit(urlsplit(arguments.postgres)._replace(path=f"/{name}"))
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "uppsikt.web.settings"
    os.environ.pop("UPPSIKT_DEBUG", None)
    try:
        return measure(arguments, database_url)
    finally:
        connections.close_all()
        with psycopg.connect(arguments.postgres, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    sys.exit(main())
