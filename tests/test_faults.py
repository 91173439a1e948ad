"""Faults, for real: a process killed while it writes, and a database that goes away (issue 7).

Each test works on a database of its own beside the test database: a SQLite file, or on the
PostgreSQL run (`DATABASE_URL=postgres://…`) a uniquely named database on that server, created
from a template (migrated, the example loaded, a controller with an API token) and dropped
after. Uppsikt runs as it does in production: `uppsikt import sie` and `uppsikt serve`
(gunicorn) in processes of their own, killed with SIGKILL while they hold a write transaction
open, found by asking the database (SQLite's write lock, PostgreSQL's `backend_xid`).
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.faults import (
    UPPSIKT,
    WAIT,
    Database,
    PostgresDatabase,
    Proxy,
    Server,
    SqliteFile,
    database_connection,
    environment,
    serving,
    settle,
    uppsikt,
    wait_for,
)
from uppsikt.apps.datasets.demo import EXAMPLE

REPOSITORY = Path(__file__).parents[1]
POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))
PASSWORD = "controller-lösenord-1"
PERIOD_PAGE = "/kommun/0126/KS/2023-T1/"
UNAVAILABLE = "Uppsikt når inte databasen just nu"
TRANSACTIONS = 30_000  # per SIE file: 3 MB, a second or more of writing on two cores

pytestmark = pytest.mark.slow
# Changed by every few requests, whatever they do: the session's last-seen mark, rate limits.
VOLATILE = {"django_session", "uppsikt_cache"}

# In one process (each start of Django takes seconds): the tables made, the example loaded, the
# controller of its committee, and a token of theirs for the API (never used yet).
SETUP = f"""
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from uppsikt.apps.api.tokens import create_token
from uppsikt.apps.organisation.models import Municipality, RoleGrant
from uppsikt.domain.access import Role
call_command("load", "{EXAMPLE}")
user = User.objects.create_user("controller", password="{PASSWORD}")
municipality = Municipality.objects.get(kolada_id="0126")
committee = municipality.committees.get(code="KS")
RoleGrant.objects.create(
    user=user, municipality=municipality, role=Role.CONTROLLER.value, committee=committee
)
print("token", create_token(user, "feltest", now=timezone.now()).secret)
"""


def generate_sie(path: Path, transactions: int, seed: int) -> None:
    """An SIE 4 file from the benchmark's generator (`bench/sie_import.py`)."""
    spec = importlib.util.spec_from_file_location("sie_import", REPOSITORY / "bench/sie_import.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(path, transactions, seed=seed)


@dataclass
class Prepared:
    """The template database and the controller's API token in it."""

    database: Database
    token: str


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prepared]:
    """Migrated, the example loaded, the controller made: once per module, copied per test."""
    folder = tmp_path_factory.mktemp("faults")
    template: Database
    if POSTGRES:
        template = PostgresDatabase.create(os.environ["DATABASE_URL"])
    else:
        template = SqliteFile(folder / "template.sqlite3")
    try:
        output = uppsikt(template, folder, "shell", "-c", SETUP)
        token = next(line.split()[1] for line in output.splitlines() if line.startswith("token "))
        yield Prepared(template, token)
    finally:
        template.drop()


@pytest.fixture
def database(prepared: Prepared, tmp_path: Path) -> Iterator[Database]:
    """A copy of the template for one test."""
    copy = prepared.database.copy(tmp_path)
    try:
        yield copy
    finally:
        copy.drop()


def test_an_import_killed_while_it_writes_leaves_the_database_as_before(
    database: Database, tmp_path: Path
) -> None:
    first, second = tmp_path / "januari.se", tmp_path / "rattad.se"
    generate_sie(first, TRANSACTIONS, seed=1)
    generate_sie(second, TRANSACTIONS, seed=2)  # other amounts on the same months
    template = database.snapshot()

    def start(path: Path) -> subprocess.Popen[bytes]:
        command = [*UPPSIKT, "import", "sie", str(path), "--committee", "KS", "--year", "2023"]
        return subprocess.Popen(
            command,
            env=environment(database, tmp_path),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    # The first file is imported whole; how long it writes sets when the second is killed.
    importing = start(first)
    wait_for(database.writing, "a write transaction", importing)
    began = time.monotonic()
    while importing.poll() is None and database.writing():
        time.sleep(0.02)
    writes = time.monotonic() - began
    assert importing.wait(timeout=WAIT) == 0
    before = database.snapshot()
    assert before["economy_ledgerentry"] != template["economy_ledgerentry"]

    # The second file replaces the same months: killed early, midway and late in its writing.
    for share in (0.1, 0.4, 0.7):
        importing = start(second)
        wait_for(database.writing, "a write transaction", importing)
        time.sleep(share * writes)
        assert database.writing(), f"the import had finished writing at {share:.0%}"
        importing.send_signal(signal.SIGKILL)
        assert importing.wait(timeout=WAIT) == -signal.SIGKILL
        settle(database)
        database.check()
        assert database.snapshot() == before, f"killed at {share:.0%} of its writing"


def lasting(snapshot: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """The tables but the session's and the cache's, which requests change whatever they do."""
    return {name: value for name, value in snapshot.items() if name not in VOLATILE}


def signed_in(server: Server) -> httpx.Client:
    """A browser of the controller's, signed in through the login form."""
    client = httpx.Client(base_url=server.base, timeout=WAIT)
    client.get("/konto/logga-in/")
    answer = client.post(
        "/konto/logga-in/",
        data={"login": "controller", "password": PASSWORD},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    assert answer.status_code == 302, answer.text
    return client


def test_a_worker_killed_while_it_locks_a_period_leaves_the_period_and_its_frozen_reports_as_before(
    database: Database, tmp_path: Path
) -> None:
    database.execute(
        "UPDATE periods_committeeperiod SET state = 'approved', decision_date = '2023-05-24'"
    )
    with serving(database, tmp_path) as server:
        browser = signed_in(server)
        before = lasting(database.snapshot())

        with database_connection(database) as read:
            version = read("SELECT version FROM periods_committeeperiod")[0][0]

        def lock() -> httpx.Response:
            return browser.post(
                PERIOD_PAGE + "arbetsgang/",
                data={"target": "locked", "version": str(version)},
                headers={"X-CSRFToken": browser.cookies["csrftoken"]},
            )

        for delay in (0.2, 0.5, 1.0):
            worker = server.ready()
            failures: list[BaseException] = []

            def post(failures: list[BaseException] = failures) -> None:
                try:
                    lock()
                except httpx.TransportError as error:  # the worker died under the request
                    failures.append(error)

            request = threading.Thread(target=post)
            request.start()
            wait_for(database.writing, "the lock's write transaction", server.process)
            time.sleep(delay)
            assert database.writing(), f"the lock had finished after {delay} s"
            os.kill(worker, signal.SIGKILL)
            request.join(timeout=WAIT)
            assert failures, "the request was answered although its worker was killed"
            settle(database)
            database.check()
            assert lasting(database.snapshot()) == before, f"killed {delay} s into the lock"

        # Not killed, the same request locks the period and freezes its report in every format.
        server.ready()
        assert lock().status_code == 302
        with database_connection(database) as read:
            assert read("SELECT state FROM periods_committeeperiod") == [("locked",)]
            formats = read("SELECT format FROM reporting_frozenreport ORDER BY format")
        assert formats == [("docx",), ("html",), ("json",), ("pdf",)]
    assert "was sent SIGKILL" in server.output()


def unavailable_page(answer: httpx.Response, *secrets_: str) -> None:
    """The 503 page: Swedish, asks to try again later, tells nothing of the fault."""
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert answer.headers["Content-Type"].startswith("text/html")
    assert UNAVAILABLE in answer.text
    assert "försök igen om en stund" in answer.text.lower()
    for secret in ("Traceback", "OperationalError", "InterfaceError", *secrets_):
        assert secret not in answer.text


def unavailable_json(answer: httpx.Response) -> None:
    """The API's 503: its usual error shape, in Swedish."""
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "30"
    assert answer.json() == {
        "detail": "Uppsikt når inte databasen just nu. Försök igen om en stund.",
        "errors": [],
    }


@pytest.mark.skipif(
    not POSTGRES,
    reason="SQLite has no connection to cut: it is a file the server process opens itself; "
    "the SQLite variant is test_a_database_locked_beyond_the_timeout_…",
)
def test_a_cut_database_connection_gives_the_unavailable_page_and_the_site_recovers_when_it_returns(
    prepared: Prepared, database: Database, tmp_path: Path
) -> None:
    assert isinstance(database, PostgresDatabase)
    proxy = Proxy(database.address)
    try:
        with serving(database.through(proxy.port), tmp_path) as server:
            browser = signed_in(server)
            api = httpx.Client(
                base_url=server.base,
                timeout=WAIT,
                headers={"Authorization": f"Bearer {prepared.token}"},
            )
            assert browser.get("/").status_code == 200
            assert api.get("/api/committees").status_code == 200

            proxy.cut()
            unavailable_page(browser.get("/"), f":{proxy.port}", database.name)
            unavailable_json(api.get("/api/committees"))
            unavailable_page(browser.get(PERIOD_PAGE))

            proxy.restore()  # the same server process, not restarted
            assert browser.get("/").status_code == 200
            assert browser.get(PERIOD_PAGE).status_code == 200
            assert api.get("/api/committees").status_code == 200

            # Cut and back while the server was idle: its kept connection is dead, and the
            # health check at its first use replaces it before the request needs it.
            proxy.cut()
            proxy.restore()
            assert browser.get("/").status_code == 200
    finally:
        proxy.cut()
    log = server.output()
    assert "Databasen svarar inte (GET /)" in log
    assert "Databasen svarar inte (GET /api/committees)" in log
    assert "Traceback" in log  # the error is logged with its trace, for the operator


@pytest.mark.skipif(
    POSTGRES,
    reason="PostgreSQL waits for a lock without a timeout (lock_timeout 0), so a held lock "
    "makes no error; the PostgreSQL variant is test_a_cut_database_connection_…",
)
def test_a_database_locked_beyond_the_timeout_gives_the_unavailable_page_until_it_is_released(
    prepared: Prepared, database: Database, tmp_path: Path
) -> None:
    assert isinstance(database, SqliteFile)
    with serving(database, tmp_path) as server:
        browser = signed_in(server)
        api = httpx.Client(
            base_url=server.base,
            timeout=WAIT,
            headers={"Authorization": f"Bearer {prepared.token}"},
        )
        assert browser.get(PERIOD_PAGE).status_code == 200

        # Another process holds the write lock (as a long import does) past SQLite's 5 s.
        with database.connect() as holder:
            holder.execute("BEGIN IMMEDIATE")
            csrf = {"X-CSRFToken": browser.cookies["csrftoken"]}
            unavailable_page(browser.post("/konto/logga-ut/", headers=csrf), str(database.path))
            unavailable_json(api.get("/api/committees"))  # a token's first use is noted
            holder.execute("ROLLBACK")

        browser = signed_in(server)
        assert browser.get(PERIOD_PAGE).status_code == 200
        assert api.get("/api/committees").status_code == 200
    log = server.output()
    assert "Databasen svarar inte (POST /konto/logga-ut/): database is locked" in log
