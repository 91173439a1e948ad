"""Helpers for tests/test_faults.py: databases of a test's own, `uppsikt serve`, a cuttable proxy.

A `Database` is a SQLite file or a uniquely named PostgreSQL database beside the test database;
the test asks it for a snapshot of every table, and whether a write transaction is open.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import psycopg

UPPSIKT = [sys.executable, "-m", "uppsikt"]
WAIT = 300.0  # seconds: the longest any step may take on a busy machine before a test fails


def digest(rows: list[tuple[Any, ...]]) -> tuple[int, str]:
    """A table's row count and a SHA-256 of its rows, in any order."""
    lines = sorted(repr(row) for row in rows)
    return len(lines), hashlib.sha256("\n".join(lines).encode()).hexdigest()


class Database:
    """A database of the test's own: its URL for Uppsikt, and what the test asks of it."""

    @property
    def url(self) -> str:
        """The database's URL, as `DATABASE_URL` gives it."""
        raise NotImplementedError

    def snapshot(self) -> dict[str, tuple[int, str]]:
        """Every table's row count and checksum."""
        raise NotImplementedError

    def writing(self) -> bool:
        """Whether some connection holds a write transaction open."""
        raise NotImplementedError

    def execute(self, sql: str) -> None:
        """Run a statement and commit it."""
        raise NotImplementedError

    def copy(self, folder: Path) -> Database:
        """A new database with the same contents."""
        raise NotImplementedError

    def drop(self) -> None:
        """Remove the database."""

    def check(self) -> None:
        """The database opens and its structure is whole."""


@dataclass
class SqliteFile(Database):
    """A SQLite file in WAL mode, as Uppsikt makes it."""

    path: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def connect(self, timeout: float = 30) -> contextlib.closing[sqlite3.Connection]:
        """A connection in autocommit mode."""
        return contextlib.closing(sqlite3.connect(self.path, timeout=timeout, isolation_level=None))

    def snapshot(self) -> dict[str, tuple[int, str]]:
        with self.connect() as connection:
            tables = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {
                name: digest(connection.execute(f'SELECT * FROM "{name}"').fetchall())
                for (name,) in tables.fetchall()
            }

    def writing(self) -> bool:
        """Whether another connection holds the write lock (taking it here fails at once)."""
        with self.connect(timeout=0) as connection:
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                if "locked" not in str(error):
                    raise
                return True
            connection.execute("ROLLBACK")
            return False

    def execute(self, sql: str) -> None:
        with self.connect() as connection:
            connection.execute(sql)

    def copy(self, folder: Path) -> SqliteFile:
        target = SqliteFile(folder / "uppsikt.sqlite3")
        with self.connect() as source, contextlib.closing(sqlite3.connect(target.path)) as copy:
            source.backup(copy)
        target.execute("PRAGMA journal_mode=WAL")
        return target

    def check(self) -> None:
        with self.connect() as connection:
            assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@dataclass
class PostgresDatabase(Database):
    """A database of its own on the PostgreSQL server that the test run uses."""

    server: str  # the URL of the test run's database, for the server's address and user
    name: str

    @property
    def url(self) -> str:
        return urlsplit(self.server)._replace(path=f"/{self.name}").geturl()

    def through(self, port: int) -> str:
        """The URL, reached through a proxy on this port of loopback."""
        parts = urlsplit(self.url)
        user = parts.netloc.rpartition("@")[0]
        return parts._replace(
            netloc=f"{user}@127.0.0.1:{port}" if user else f"127.0.0.1:{port}"
        ).geturl()

    @property
    def address(self) -> tuple[str, int]:
        """The server's host and port."""
        parts = urlsplit(self.server)
        return parts.hostname or "127.0.0.1", parts.port or 5432

    def connect(self, name: str | None = None) -> psycopg.Connection[tuple[Any, ...]]:
        """A connection in autocommit mode, to this database or another on the server."""
        url = urlsplit(self.server)._replace(path=f"/{name or self.name}").geturl()
        return psycopg.connect(url, autocommit=True)

    @classmethod
    def create(cls, server: str, template: str | None = None) -> PostgresDatabase:
        """A new empty database, or a copy of `template`, named uniquely."""
        database = cls(server, f"uppsikt_fault_{secrets.token_hex(6)}")
        copying = f' TEMPLATE "{template}"' if template else ""
        deadline = time.monotonic() + 30
        with database.connect("postgres") as connection:
            while True:  # a process that just ended may still be leaving the template
                try:
                    connection.execute(f'CREATE DATABASE "{database.name}"{copying}')
                    return database
                except psycopg.errors.ObjectInUse:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)

    def snapshot(self) -> dict[str, tuple[int, str]]:
        with self.connect() as connection:
            tables = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
            return {
                name: digest(connection.execute(f'SELECT * FROM "{name}"').fetchall())
                for (name,) in tables
            }

    def writing(self) -> bool:
        """Whether a connection to the database has a transaction that has written."""
        with self.connect("postgres") as connection:
            row = connection.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s"
                " AND backend_xid IS NOT NULL",
                (self.name,),
            ).fetchone()
        return bool(row and row[0])

    def execute(self, sql: str) -> None:
        with self.connect() as connection:
            connection.execute(sql)

    def copy(self, folder: Path) -> PostgresDatabase:
        return PostgresDatabase.create(self.server, template=self.name)

    def drop(self) -> None:
        with self.connect("postgres") as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def environment(database: Database | str, folder: Path) -> dict[str, str]:
    """Uppsikt's environment in production: the database, its own key and files, no debug."""
    url = database if isinstance(database, str) else database.url
    keep = {name: value for name, value in os.environ.items() if name != "UPPSIKT_DEBUG"}
    return keep | {
        "DATABASE_URL": url,
        "UPPSIKT_SECRET_KEY": "fault-tests-" + "k" * 50,
        "UPPSIKT_MEDIA_ROOT": str(folder / "filer"),
    }


def uppsikt(database: Database, folder: Path, *arguments: str) -> str:
    """Run an `uppsikt` command to its end; its output."""
    result = subprocess.run(
        [*UPPSIKT, *arguments],
        env=environment(database, folder),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def wait_for(condition: Callable[[], bool], what: str, process: subprocess.Popen[Any]) -> None:
    """Poll `condition` until it holds; fail when the process ends first or time runs out."""
    deadline = time.monotonic() + WAIT
    while not condition():
        assert process.poll() is None, f"the process ended ({process.returncode}) before {what}"
        assert time.monotonic() < deadline, f"no {what} within {WAIT} s"
        time.sleep(0.02)


def settle(database: Database) -> None:
    """Wait until the server has noticed a killed client and rolled its transaction back."""
    deadline = time.monotonic() + WAIT
    while database.writing():
        assert time.monotonic() < deadline, "a killed process's transaction was never ended"
        time.sleep(0.05)


class Server:
    """`uppsikt serve` with one worker process, its output in a file."""

    def __init__(self, database: Database | str, folder: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        self.base = f"http://127.0.0.1:{port}"
        self.log = folder / "server.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [*UPPSIKT, "serve", f"--bind=127.0.0.1:{port}", "--workers=1"],
                env=environment(database, folder),
                cwd=folder,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def workers(self) -> list[int]:
        """The worker processes' ids (the children of gunicorn's master)."""
        pid = self.process.pid
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]

    def ready(self) -> int:
        """Wait until a worker answers; its process id."""

        def answers() -> bool:
            try:
                return httpx.get(self.base + "/konto/logga-in/", timeout=10).status_code == 200
            except httpx.TransportError:
                return False

        wait_for(lambda: len(self.workers()) == 1 and answers(), "a worker", self.process)
        return self.workers()[0]

    def output(self) -> str:
        """What the server has written to its log."""
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        """End the server."""
        self.process.terminate()
        self.process.wait(timeout=60)


@contextlib.contextmanager
def serving(database: Database | str, folder: Path) -> Iterator[Server]:
    """The server, running until the block ends."""
    server = Server(database, folder)
    try:
        server.ready()
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def database_connection(
    database: Database,
) -> Iterator[Callable[[str], list[tuple[Any, ...]]]]:
    """A function that runs a query on the database and gives its rows."""
    if isinstance(database, SqliteFile):
        with database.connect() as connection:
            yield lambda sql: connection.execute(sql).fetchall()
    else:
        assert isinstance(database, PostgresDatabase)
        with database.connect() as pg:
            yield lambda sql: pg.execute(sql).fetchall()


class Proxy:
    """A TCP proxy on loopback to the database server, which the test cuts and restores.

    Cut, it closes every connection through it and listens no more, so that new connections
    are refused: as a database server that stopped, or a network that broke.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.guard = threading.Lock()
        self.sockets: set[socket.socket] = set()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self._serve(self.listener)

    def _serve(self, listener: socket.socket) -> None:
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # cut
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self.guard:
                self.sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for end in (source, sink):
            self._close(end)

    def _close(self, end: socket.socket) -> None:
        with contextlib.suppress(OSError):
            end.shutdown(socket.SHUT_RDWR)
        end.close()
        with self.guard:
            self.sockets.discard(end)

    def cut(self) -> None:
        """Close every connection, and refuse new ones."""
        self._close(self.listener)  # shutting the listener down wakes its accept()
        with self.guard:
            ends = list(self.sockets)
        for end in ends:
            self._close(end)

    def restore(self) -> None:
        """Accept connections again, on the same port."""
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self._serve(self.listener)
