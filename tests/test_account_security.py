"""Account security: Argon2 hashes, sign-in rate limits, two-step verification, session expiry."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from conftest import make_persona
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone

from uppsikt.domain.dataset import Dataset
from uppsikt.web import settings as production
from uppsikt.web.account_settings import (
    CACHE_MAX_ENTRIES,
    CACHE_TABLE,
    SessionLimits,
    cache_settings,
    session_limits,
    trusted_proxy_count,
)
from uppsikt.web.accounts import LAST_SEEN, SIGNED_IN_AT

LOGIN = "/konto/logga-in/"
LOGOUT = "/konto/logga-ut/"
PAGE = "/kommun/0126/KS/2023-T1/"
LOCKED = "För många misslyckade inloggningsförsök"


def sign_in(client: Client, username: str, password: str | None = None, **extra: str) -> int:
    """Posts the sign-in form; the response's status."""
    data = {"login": username, "password": password or f"{username}-lösenord-1"}
    return client.post(LOGIN, data, **extra).status_code  # type: ignore[arg-type]


def signed_in(client: Client) -> bool:
    """Whether the client's session is signed in (the start page needs it)."""
    return client.get("/").status_code == 200


def pass_the_window() -> None:
    """Every entry in the cache's table runs out, as when a rate limit's window has passed."""
    past = connection.ops.adapt_datetimefield_value(timezone.now() - timedelta(hours=1))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {CACHE_TABLE} SET expires = %s", [past])


# Hashing ------------------------------------------------------------------------------------


def test_production_hashes_passwords_with_argon2() -> None:
    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        assert make_password("ett-långt-lösenord").startswith("argon2$argon2id$")


def test_the_suite_hashes_with_a_fast_hasher(db: None) -> None:
    assert settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.MD5PasswordHasher"
    assert User.objects.create_user("snabb", password="x-lösenord-1").password.startswith("md5$")


def test_a_password_under_an_older_hash_becomes_argon2_at_sign_in(db: None, client: Client) -> None:
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = User.objects.create(
            username="gammal", password=make_password("gammal-lösenord-1", hasher="pbkdf2_sha256")
        )
        assert user.password.startswith("pbkdf2_sha256$")
        assert sign_in(client, "gammal", "gammal-lösenord-1") == 302
        user.refresh_from_db()
        assert user.password.startswith("argon2$")
        assert user.check_password("gammal-lösenord-1")


# Rate limits --------------------------------------------------------------------------------


def test_rate_limits_are_kept_in_a_database_table_every_app_server_shares() -> None:
    assert production.CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }


def test_five_failed_sign_ins_lock_the_username_even_for_the_right_password(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    make_persona("reporter")
    for _ in range(5):
        assert sign_in(client, "reader", "fel") == 200
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {CACHE_TABLE} WHERE cache_key LIKE %s",
            ["%login_failed%"],
        )
        assert cursor.fetchone()[0] > 0

    response = client.post(LOGIN, {"login": "reader", "password": "reader-lösenord-1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert LOCKED in html
    assert not signed_in(client)

    # Another person at the same address is not locked out.
    assert sign_in(Client(), "reporter") == 302

    pass_the_window()
    assert sign_in(client, "reader") == 302
    assert signed_in(client)


def test_ten_failed_sign_ins_from_one_address_lock_every_username_from_there(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    for attempt in range(10):
        assert sign_in(client, f"gissning-{attempt}", "fel") == 200
    response = client.post(LOGIN, {"login": "reader", "password": "reader-lösenord-1"})
    assert LOCKED in response.content.decode()
    assert not signed_in(client)

    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere, "reader") == 302

    pass_the_window()
    assert sign_in(client, "reader") == 302


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_address_it_forwarded_is_counted(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    for attempt in range(10):
        sign_in(client, f"gissning-{attempt}", "fel", HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (
        LOCKED
        in client.post(
            LOGIN,
            {"login": "reader", "password": "reader-lösenord-1"},
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        ).content.decode()
    )
    # A client faking the header gets the address the proxy saw appended, and that counts.
    assert sign_in(client, "reader", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9") == 302


def test_a_flood_of_sign_in_posts_from_one_address_is_answered_429_in_swedish(
    db: None, client: Client
) -> None:
    statuses = [sign_in(client, f"person-{n}", "fel") for n in range(31)]
    assert statuses[:30] == [200] * 30
    response = client.post(LOGIN, {"login": "person", "password": "fel"})
    assert response.status_code == 429
    assert "För många försök" in response.content.decode()


@pytest.mark.slow
def test_app_servers_in_separate_processes_share_the_lock_through_a_fresh_database(
    tmp_path: Path,
) -> None:
    """Two processes on one new SQLite file: `uppsikt migrate` makes the cache table, failures
    counted by the first process lock the username in the second."""
    env = {
        k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("UPPSIKT_")
    }
    env["DJANGO_SETTINGS_MODULE"] = "uppsikt.web.settings"
    uppsikt = Path(sys.executable).parent / "uppsikt"
    subprocess.run([str(uppsikt), "migrate", "-v0"], cwd=tmp_path, env=env, check=True)
    script = textwrap.dedent(
        """
        import sys
        from django.contrib.auth.models import User
        from django.test import Client
        from django.test.utils import setup_test_environment
        setup_test_environment()
        if not User.objects.exists():
            User.objects.create_user("delad", password="delad-lösenord-1")
        password = sys.argv[-1]
        for _ in range(int(sys.argv[-2])):
            response = Client().post("/konto/logga-in/", {"login": "delad", "password": password})
            print(response.status_code, "För många" in response.content.decode())
        """
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); exec({script!r})", n, pw],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for n, pw in (("5", "fel"), ("1", "delad-lösenord-1"))
    ]
    assert [run.returncode for run in runs] == [0, 0], [run.stderr for run in runs]
    assert runs[0].stdout.split("\n")[:5] == ["200 False"] * 5
    assert runs[1].stdout.strip() == "200 True"


# Two-step verification ----------------------------------------------------------------------


def totp(secret: str, at: float, step: int = 30) -> str:
    """The six-digit code an authenticator app shows for `secret` at `at` (RFC 6238)."""
    key = base64.b32decode(secret, casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(at) // step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


# One step either side, so that a code made just before a step's end is still taken.
@override_settings(MFA_TOTP_TOLERANCE=1)
def test_two_step_verification_from_switching_it_on_to_a_recovery_code(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    assert sign_in(client, "reader") == 302
    index = client.get("/konto/2fa/").content.decode()
    assert "Tvåstegsverifiering" in index
    assert "Av." in index

    # Changing how one signs in asks for the password again.
    activate = "/konto/2fa/totp/activate/"
    confirm = client.get(activate)["Location"]
    assert confirm == f"/konto/reauthenticate/?next={activate.replace('/', '%2F')}"
    assert "Bekräfta att det är du" in client.get(confirm).content.decode()
    wrong_password = client.post(confirm, {"password": "fel"}).content.decode()
    assert "Lösenordet stämmer inte" in wrong_password
    assert client.post(confirm, {"password": "reader-lösenord-1"})["Location"] == activate
    page = client.get(activate)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    assert secret in page.content.decode()
    wrong = totp(secret, time.time() - 3600)
    refused = client.post("/konto/2fa/totp/activate/", {"code": wrong})
    assert "Koden stämmer inte" in refused.content.decode()
    assert not Authenticator.objects.filter(type="totp").exists()

    activated = client.post("/konto/2fa/totp/activate/", {"code": totp(secret, time.time())})
    assert activated["Location"] == "/konto/2fa/recovery-codes/"
    codes = re.findall(r"<code>(\d+)</code>", client.get(activated["Location"]).content.decode())
    assert len(codes) == 10
    client.post(LOGOUT)

    # The password alone no longer signs in: the code is asked for.
    response = client.post(LOGIN, {"login": "reader", "password": "reader-lösenord-1"})
    assert response["Location"] == "/konto/2fa/authenticate/"
    assert not signed_in(client)
    refused = client.post("/konto/2fa/authenticate/", {"code": wrong})
    assert refused.status_code == 200
    assert "Koden stämmer inte" in refused.content.decode()
    assert not signed_in(client)
    # Now and a step later: a code that has signed in once is not taken again.
    code = totp(secret, time.time() + 30)
    assert client.post("/konto/2fa/authenticate/", {"code": code}).status_code == 302
    assert signed_in(client)
    client.post(LOGOUT)
    sign_in(client, "reader")
    assert client.post("/konto/2fa/authenticate/", {"code": code}).status_code == 200
    assert not signed_in(client)

    # A recovery code signs in once.
    client.post(LOGOUT)
    sign_in(client, "reader")
    assert client.post("/konto/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert signed_in(client)
    client.post(LOGOUT)
    sign_in(client, "reader")
    again = client.post("/konto/2fa/authenticate/", {"code": codes[0]})
    assert "Koden stämmer inte" in again.content.decode()
    assert not signed_in(client)
    assert client.post("/konto/2fa/authenticate/", {"code": codes[1]}).status_code == 302
    assert "9 av 10 koder är oanvända" not in client.get("/konto/2fa/").content.decode()
    assert "8 av 10 koder är oanvända" in client.get("/konto/2fa/").content.decode()


def test_two_step_verification_is_linked_for_local_accounts_only(
    loaded: Dataset, client: Client
) -> None:
    client.force_login(make_persona("reader"))
    assert 'href="/konto/2fa/">Tvåstegsverifiering</a>' in client.get("/").content.decode()

    single_sign_on = User.objects.create_user("via-kommunen")
    single_sign_on.set_unusable_password()
    single_sign_on.save()
    other = Client()
    other.force_login(single_sign_on)
    assert "/konto/2fa/" not in other.get("/").content.decode()
    assert "kommunens inloggning" in other.get("/konto/2fa/").content.decode()


# Session expiry -----------------------------------------------------------------------------


def test_production_sessions_last_eight_hours_an_idle_hour_and_no_longer_than_the_browser() -> None:
    assert production.SESSION_COOKIE_AGE == 8 * 3600
    assert production.SESSION_IDLE_AGE == 60 * 60
    assert production.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_signing_in_starts_the_clock_and_sets_a_cookie_that_dies_with_the_browser(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    before = time.time()
    response = client.post(LOGIN, {"login": "reader", "password": "reader-lösenord-1"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert client.session[SIGNED_IN_AT] >= before


def age_session(client: Client, *, signed_in_ago: float, seen_ago: float) -> None:
    """Moves the session's clock back, as if time had passed."""
    session = client.session
    now = time.time()
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN] = now - seen_ago
    session.save()


def test_a_session_idle_for_more_than_an_hour_is_signed_out_on_the_next_request(
    loaded: Dataset, client: Client
) -> None:
    client.force_login(make_persona("reader"))
    assert client.get(PAGE).status_code == 200
    age_session(client, signed_in_ago=2 * 3600, seen_ago=61 * 60)
    response = client.get(PAGE)
    assert response["Location"] == f"{LOGIN}?next={PAGE}"
    login_page = client.get(response["Location"]).content.decode()
    assert "inte har använt Uppsikt på 60 minuter" in login_page
    assert not signed_in(client)


def test_a_session_older_than_eight_hours_is_signed_out_however_busy(
    loaded: Dataset, client: Client
) -> None:
    client.force_login(make_persona("reader"))
    age_session(client, signed_in_ago=8 * 3600 + 1, seen_ago=10)
    response = client.get(PAGE, follow=True)
    assert "har gått 8 timmar sedan du loggade in" in response.content.decode()
    assert not signed_in(client)


def test_a_session_within_its_limits_goes_on_and_is_seen_again(
    loaded: Dataset, client: Client
) -> None:
    client.force_login(make_persona("reader"))
    age_session(client, signed_in_ago=7 * 3600, seen_ago=59 * 60)
    before = time.time()
    assert client.get(PAGE).status_code == 200
    assert client.session[LAST_SEEN] >= before


# Settings from the environment --------------------------------------------------------------


def test_the_cache_is_chosen_by_uppsikt_cache_url() -> None:
    db = "django.core.cache.backends.db.DatabaseCache"
    options = {"MAX_ENTRIES": CACHE_MAX_ENTRIES}
    assert cache_settings(None)["default"] == {
        "BACKEND": db,
        "LOCATION": "uppsikt_cache",
        "OPTIONS": options,
    }
    assert cache_settings("db://annan_cache")["default"]["LOCATION"] == "annan_cache"
    assert (
        cache_settings("file:///var/cache/uppsikt")["default"]["LOCATION"] == "/var/cache/uppsikt"
    )
    assert cache_settings("locmem://")["default"]["BACKEND"].endswith("LocMemCache")
    redis = cache_settings("redis://cache.kommun.se:6379/0")["default"]
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.kommun.se:6379/0",
    }


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("memcached://x", "okänd sorts cache 'memcached'"),
        ("file://relativ/mapp", "ange en absolut mapp"),
        ("db://drop table", "tabellnamnet"),
    ],
)
def test_a_cache_url_uppsikt_cannot_use_is_named(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=f"UPPSIKT_CACHE_URL=.*{message}"):
        cache_settings(url)


def test_session_limits_come_from_the_environment() -> None:
    assert session_limits({}) == SessionLimits(absolute_seconds=8 * 3600, idle_seconds=3600)
    given = {"UPPSIKT_SESSION_HOURS": "10", "UPPSIKT_SESSION_IDLE_MINUTES": "15"}
    assert session_limits(given) == SessionLimits(absolute_seconds=36000, idle_seconds=900)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        (
            {"UPPSIKT_SESSION_HOURS": "åtta"},
            "UPPSIKT_SESSION_HOURS='åtta': ange ett positivt heltal",
        ),
        ({"UPPSIKT_SESSION_IDLE_MINUTES": "0"}, "UPPSIKT_SESSION_IDLE_MINUTES='0'"),
        (
            {"UPPSIKT_SESSION_HOURS": "1", "UPPSIKT_SESSION_IDLE_MINUTES": "90"},
            "är längre än UPPSIKT_SESSION_HOURS=1 timmar",
        ),
    ],
)
def test_a_session_limit_that_is_no_number_is_named(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        session_limits(environ)


def test_a_production_installation_trusts_one_proxy_unless_told_otherwise() -> None:
    assert trusted_proxy_count({}, None) == 0
    assert trusted_proxy_count({}, "https://uppsikt.kommun.se") == 1
    assert trusted_proxy_count({"UPPSIKT_TRUSTED_PROXIES": "2"}, None) == 2
    assert trusted_proxy_count({"UPPSIKT_TRUSTED_PROXIES": "0"}, "https://uppsikt.kommun.se") == 0
    with pytest.raises(ImproperlyConfigured, match="UPPSIKT_TRUSTED_PROXIES='en'"):
        trusted_proxy_count({"UPPSIKT_TRUSTED_PROXIES": "en"}, None)
