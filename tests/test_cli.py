"""The `uppsikt` command and the demo."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from uppsikt.apps.datasets.demo import DEMO_USERS
from uppsikt.apps.periods.models import Year
from uppsikt.cli import main


def test_without_arguments_the_command_lists_uppsikts_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["uppsikt"])
    out = capsys.readouterr().out
    assert out.startswith("Användning: uppsikt KOMMANDO")
    for command in ("load", "dump", "demo"):
        assert f"\n  {command} " in out


@pytest.mark.django_db
def test_the_demo_loads_the_example_once_and_prints_working_accounts() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Läste in Huddinge kommun 2023" in out.getvalue()
    for user in DEMO_USERS:
        assert f"{user.username} " in out.getvalue()
        assert user.password in out.getvalue()
        assert authenticate(username=user.username, password=user.password) is not None

    again = StringIO()
    call_command("demo", "--no-serve", stdout=again)
    assert "finns redan i databasen" in again.getvalue()
    assert Year.objects.count() == 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answer(url: str, seconds: float = 90) -> tuple[int, bytes]:
    """The status and body at `url`, once the server has started."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # loopback only
                return int(response.status), bytes(response.read())
        except (ConnectionError, TimeoutError, urllib.error.URLError):  # still starting
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.mark.slow
def test_serve_runs_the_site_on_gunicorns_worker_processes(tmp_path: Path) -> None:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}"}
    uppsikt = [sys.executable, "-m", "uppsikt"]
    subprocess.run([*uppsikt, "migrate", "-v0"], env=environment, check=True)
    port = free_port()
    server = subprocess.Popen(
        [*uppsikt, "serve", f"--bind=127.0.0.1:{port}", "--workers=2"],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status, page = answer(f"http://127.0.0.1:{port}/konto/logga-in/")
        assert status == 200
        assert '<html lang="sv">' in page.decode()
        status, _ = answer(f"http://127.0.0.1:{port}/static/uppsikt/uppsikt.css")
        assert status == 200
        assert answer(f"http://127.0.0.1:{port}/readyz") == (200, b'{"status": "ready"}')
        workers = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(workers) == 2
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert f"Uppsikt svarar på http://127.0.0.1:{port}/" in output
    assert "Booting worker" in output


@pytest.mark.slow
def test_serve_refuses_a_database_without_its_migrations(tmp_path: Path) -> None:
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "uppsikt", "serve", f"--bind=127.0.0.1:{free_port()}"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "migreringar" in result.stderr
    assert "kör `uppsikt migrate` först" in result.stderr
