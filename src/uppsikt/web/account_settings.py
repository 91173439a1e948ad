"""Account security settings read from the environment: the shared cache, sessions, proxies.

Pure functions of the environment, like `hardening.py`, so that settings.py stays a list of
assignments and each rule is tested on its own (tests/test_account_security.py). What they are
for is told in docs/accounts.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# The database cache's table, created by `uppsikt migrate` (uppsikt.apps.accounts).
CACHE_TABLE = "uppsikt_cache"
CACHE_SCHEMES = "db, file, locmem eller redis"
# Django culls a database or file cache past 300 entries, and then drops entries whatever their
# age: an attacker trying many usernames would cull the counts that lock them out.
CACHE_MAX_ENTRIES = 100_000

Settings = dict[str, object]


def cache_settings(url: str | None) -> dict[str, Settings]:
    """Django's CACHES from `UPPSIKT_CACHE_URL`; unset means a table in Uppsikt's database.

    The cache holds sign-in rate limits and used one-time codes, so every app server must see
    the same one: the database (`db://`, the default) and Redis (`redis://…`) are shared by
    several servers, a folder (`file:///…`) only by the processes of one server, and
    `locmem://` only by one process (development).
    """
    if not url or not url.strip():
        return {"default": _database_cache(CACHE_TABLE)}
    value = url.strip()
    parts = urlsplit(value)
    if parts.scheme == "db":
        table = (parts.netloc + parts.path).strip("/") or CACHE_TABLE
        if not table.replace("_", "").isalnum():
            raise ImproperlyConfigured(
                f"UPPSIKT_CACHE_URL={value!r}: tabellnamnet {table!r} får bara ha bokstäver, "
                "siffror och understreck"
            )
        return {"default": _database_cache(table)}
    if parts.scheme == "file":
        if not parts.path.startswith("/") or parts.netloc:
            raise ImproperlyConfigured(
                f"UPPSIKT_CACHE_URL={value!r}: ange en absolut mapp, som file:///var/cache/uppsikt"
            )
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": parts.path,
                "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
            }
        }
    if parts.scheme == "locmem":
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if parts.scheme in ("redis", "rediss"):
        return {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
        }
    raise ImproperlyConfigured(
        f"UPPSIKT_CACHE_URL={value!r}: okänd sorts cache {parts.scheme!r} (välj {CACHE_SCHEMES})"
    )


def _database_cache(table: str) -> Settings:
    """A cache kept in a table of the default database."""
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": table,
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }


def whole_number(environ: Mapping[str, str], name: str, default: int) -> int:
    """The positive whole number in the variable `name`, or `default` when it is unset."""
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise ImproperlyConfigured(f"{name}={raw!r}: ange ett positivt heltal")
    return number


@dataclass(frozen=True, slots=True)
class SessionLimits:
    """How long a signed-in session may last, in seconds: in all, and without a request."""

    absolute_seconds: int
    idle_seconds: int


def session_limits(environ: Mapping[str, str]) -> SessionLimits:
    """How long sessions last, from `UPPSIKT_SESSION_HOURS` and `UPPSIKT_SESSION_IDLE_MINUTES`.

    At most 8 hours from signing in and 60 minutes without a request unless told otherwise; the
    idle time may not be the longer.
    """
    hours = whole_number(environ, "UPPSIKT_SESSION_HOURS", 8)
    idle_minutes = whole_number(environ, "UPPSIKT_SESSION_IDLE_MINUTES", 60)
    if idle_minutes > hours * 60:
        raise ImproperlyConfigured(
            f"UPPSIKT_SESSION_IDLE_MINUTES={idle_minutes} är längre än "
            f"UPPSIKT_SESSION_HOURS={hours} timmar"
        )
    return SessionLimits(absolute_seconds=hours * 3600, idle_seconds=idle_minutes * 60)


def trusted_proxy_count(environ: Mapping[str, str], public: str | None) -> int:
    """How many reverse proxies of ours stand before the app servers (`UPPSIKT_TRUSTED_PROXIES`).

    Rate limits per address need the client's address: behind a proxy that is the last entry the
    proxy added to `X-Forwarded-For`. A production installation (a public address) is served
    through one proxy unless told otherwise; a local one through none.
    """
    raw = environ.get("UPPSIKT_TRUSTED_PROXIES", "").strip()
    if not raw:
        return 1 if public else 0
    if not raw.isdigit():
        raise ImproperlyConfigured(f"UPPSIKT_TRUSTED_PROXIES={raw!r}: ange ett antal, som 1")
    return int(raw)
