"""A production installation from the environment: key, hosts, HTTPS, headers, health."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from uppsikt.web import hardening
from uppsikt.web.security import POLICY

HTTPS = "https://uppsikt.exempelby.se"


def test_without_a_public_address_a_key_is_made_once_and_kept(tmp_path: Path) -> None:
    first = hardening.secret_key({}, tmp_path, production=False)
    assert len(first) >= 50
    assert hardening.secret_key({}, tmp_path, production=False) == first
    kept = tmp_path / hardening.SECRET_KEY_FILE
    assert kept.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert [path.name for path in tmp_path.iterdir()] == [hardening.SECRET_KEY_FILE]


def test_a_production_installation_must_be_given_its_key(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured, match="UPPSIKT_SECRET_KEY"):
        hardening.secret_key({}, tmp_path, production=True)
    assert not any(tmp_path.iterdir())
    assert hardening.secret_key({"UPPSIKT_SECRET_KEY": "k" * 60}, tmp_path, True) == "k" * 60


def test_the_key_may_come_from_a_file_such_as_a_systemd_credential(tmp_path: Path) -> None:
    credential = tmp_path / "secret_key"
    credential.write_text("s" * 64 + "\n", encoding="utf-8")
    environ = {"UPPSIKT_SECRET_KEY_FILE": str(credential)}
    assert hardening.secret_key(environ, tmp_path, production=True) == "s" * 64
    credential.write_text("kort", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="kortare än 32 tecken"):
        hardening.secret_key(environ, tmp_path, production=True)
    with pytest.raises(ImproperlyConfigured, match="kan inte läsas"):
        hardening.secret_key({"UPPSIKT_SECRET_KEY_FILE": str(tmp_path / "saknas")}, tmp_path, True)


@pytest.mark.parametrize(
    ("value", "fault"),
    [
        ("uppsikt.exempelby.se", "ingen adress"),
        ("ftp://uppsikt.exempelby.se", "ingen adress"),
        ("https://uppsikt.exempelby.se/uppsikt", "utan sökväg"),
    ],
)
def test_a_public_address_that_is_no_site_address_is_named(value: str, fault: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=fault):
        hardening.public_url({"UPPSIKT_PUBLIC_URL": value})


def test_hosts_follow_the_public_address_unless_given() -> None:
    assert hardening.allowed_hosts({}, None) == ["localhost", "127.0.0.1", "[::1]"]
    assert hardening.allowed_hosts({}, HTTPS) == ["uppsikt.exempelby.se"]
    given = {"UPPSIKT_ALLOWED_HOSTS": "a.exempelby.se, b.exempelby.se"}
    assert hardening.allowed_hosts(given, HTTPS) == ["a.exempelby.se", "b.exempelby.se"]


def test_https_brings_secure_host_bound_cookies_hsts_and_the_proxys_scheme() -> None:
    assert hardening.https_settings({}, None) == {}
    assert hardening.https_settings({}, "http://uppsikt.intra") == {
        "CSRF_TRUSTED_ORIGINS": ["http://uppsikt.intra"]
    }
    settings = hardening.https_settings({}, HTTPS)
    assert settings["SESSION_COOKIE_SECURE"] is settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert settings["SECURE_HSTS_SECONDS"] == 365 * 24 * 3600
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    shorter = hardening.https_settings({"UPPSIKT_HSTS_SECONDS": "300"}, HTTPS)
    assert shorter["SECURE_HSTS_SECONDS"] == 300


def run_uppsikt(
    *arguments: str, environ: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    """`uppsikt …` in a fresh process with only the given Uppsikt settings."""
    clean = {
        key: value
        for key, value in os.environ.items()
        # A browser test in the same worker allows Django's async-unsafe calls for itself.
        if not key.startswith("UPPSIKT_") and key != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "uppsikt", *arguments],
        check=False,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean | {"DATABASE_URL": f"sqlite:///{cwd / 'db.sqlite3'}"} | environ,
    )


@pytest.mark.slow
def test_the_production_settings_pass_djangos_deployment_checks(tmp_path: Path) -> None:
    environ = {"UPPSIKT_PUBLIC_URL": HTTPS, "UPPSIKT_SECRET_KEY": "Pr0d-" + "x9Yq" * 15}
    result = run_uppsikt(
        "check", "--deploy", "--fail-level", "WARNING", environ=environ, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_a_production_start_without_a_key_names_what_is_missing(tmp_path: Path) -> None:
    result = run_uppsikt("check", environ={"UPPSIKT_PUBLIC_URL": HTTPS}, cwd=tmp_path)
    assert result.returncode != 0
    assert "varken UPPSIKT_SECRET_KEY eller UPPSIKT_SECRET_KEY_FILE" in result.stderr
    assert not (tmp_path / hardening.SECRET_KEY_FILE).exists()


@pytest.mark.django_db
def test_every_page_carries_the_strict_policy_and_its_companions(client: Client) -> None:
    response = client.get("/konto/logga-in/")
    assert response["Content-Security-Policy"] == POLICY
    assert "script-src 'self';" in POLICY
    assert "unsafe-inline" not in POLICY
    assert "unsafe-eval" not in POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_report_page_is_framed_by_the_site_alone_and_runs_no_script(as_persona) -> None:  # type: ignore[no-untyped-def]
    response = as_persona("reader").get("/kommun/0126/KS/2023-T1/rapport.html")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src" not in policy  # so default-src 'none' forbids every script
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_liveness_answers_without_the_database_or_a_known_host(client: Client) -> None:
    # No django_db mark: any query would raise.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # a probe by address
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_readiness_asks_the_database_and_its_migrations(client: Client) -> None:
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}


@pytest.mark.slow
def test_readiness_says_migrations_are_missing_until_they_are_run(tmp_path: Path) -> None:
    probe = (
        "from django.test import Client; r = Client().get('/readyz'); "
        "print(r.status_code, r.json())"
    )
    environ = {"UPPSIKT_ALLOWED_HOSTS": "testserver"}
    before = run_uppsikt("shell", "-c", probe, environ=environ, cwd=tmp_path)
    assert "503 {'status': 'not ready', 'reason': '" in before.stdout, before.stderr
    assert "migreringar är inte körda" in before.stdout
    run_uppsikt("migrate", "--verbosity", "0", environ=environ, cwd=tmp_path).check_returncode()
    after = run_uppsikt("shell", "-c", probe, environ=environ, cwd=tmp_path)
    assert "200 {'status': 'ready'}" in after.stdout, after.stderr
