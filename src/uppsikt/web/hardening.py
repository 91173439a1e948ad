"""Production settings read from the environment: the secret key, the public address, HTTPS.

Pure functions of the environment, so that settings.py stays a list of assignments and each
rule here is tested on its own (`web/tests/test_hardening.py`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Where a secret key is kept when none is given: beside the SQLite default, in the working folder.
SECRET_KEY_FILE = "uppsikt-secret.key"  # noqa: S105  # a file's name, not a key
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
YEAR = 365 * 24 * 3600


def public_url(environ: Mapping[str, str]) -> str | None:
    """`UPPSIKT_PUBLIC_URL`, the address people use (`https://uppsikt.kommun.se`), or None.

    Setting it is what makes an installation a production one: the host names, the trusted
    origin for forms and, with https, secure cookies and HSTS all follow from it.
    """
    value = environ.get("UPPSIKT_PUBLIC_URL", "").strip().rstrip("/")
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(
            f"UPPSIKT_PUBLIC_URL={value!r} är ingen adress som https://uppsikt.kommun.se"
        )
    if parts.path or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"UPPSIKT_PUBLIC_URL={value!r} ska vara bara schema och värd, utan sökväg"
        )
    return value


def secret_key(environ: Mapping[str, str], folder: Path, production: bool) -> str:
    """Django's secret key: given, read from a file, or (locally only) made once and kept.

    `UPPSIKT_SECRET_KEY`, else the file `UPPSIKT_SECRET_KEY_FILE` names, else, only without a
    public address, one made once and kept in `uppsikt-secret.key` in `folder`. A production installation must be given its key, since several app servers share it; a
    local one makes its own rather than use a key anyone could read in the source.
    """
    given = environ.get("UPPSIKT_SECRET_KEY", "").strip()
    if given:
        return given
    path_given = environ.get("UPPSIKT_SECRET_KEY_FILE", "").strip()
    if path_given:
        try:
            key = Path(path_given).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(
                f"UPPSIKT_SECRET_KEY_FILE={path_given}: kan inte läsas ({error.strerror})"
            ) from error
        if len(key) < 32:
            raise ImproperlyConfigured(
                f"UPPSIKT_SECRET_KEY_FILE={path_given}: nyckeln är kortare än 32 tecken"
            )
        return key
    if production:
        raise ImproperlyConfigured(
            "UPPSIKT_PUBLIC_URL är satt men varken UPPSIKT_SECRET_KEY eller "
            "UPPSIKT_SECRET_KEY_FILE: en driftsatt Uppsikt behöver en hemlig nyckel "
            "som alla dess appservrar delar (se docs/deployment.md)"
        )
    return _kept_key(folder / SECRET_KEY_FILE)


def _kept_key(path: Path) -> str:
    """The key in `path`, made there first if missing; safe when several processes start at once."""
    try:
        if not path.exists():
            draft = path.with_name(f".{path.name}.{os.getpid()}")
            draft.touch(mode=0o600)
            draft.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            # A hard link never replaces: the first process's key wins and every one reads it.
            with contextlib.suppress(FileExistsError):
                path.hardlink_to(draft)
            draft.unlink()
        return path.read_text(encoding="utf-8").strip()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{path}: kan inte skapa eller läsa den hemliga nyckeln ({error.strerror}); "
            "sätt UPPSIKT_SECRET_KEY eller UPPSIKT_SECRET_KEY_FILE"
        ) from error


def allowed_hosts(environ: Mapping[str, str], public: str | None) -> list[str]:
    """`UPPSIKT_ALLOWED_HOSTS`, else the public address's host, else the local names."""
    given = [host.strip() for host in environ.get("UPPSIKT_ALLOWED_HOSTS", "").split(",")]
    if any(given):
        return [host for host in given if host]
    if public:
        return [urlsplit(public).hostname or ""]
    return list(LOCAL_HOSTS)


def https_settings(environ: Mapping[str, str], public: str | None) -> dict[str, object]:
    """What serving over HTTPS behind a reverse proxy asks of Django; nothing without https.

    Cookies only over HTTPS and under the `__Host-` prefix (bound to this host, path /), HSTS
    (`UPPSIKT_HSTS_SECONDS`, a year by default), plain HTTP redirected, and the proxy's
    `X-Forwarded-Proto` believed: the app server must be reachable only through the proxy.
    """
    if not public:
        return {}
    settings: dict[str, object] = {"CSRF_TRUSTED_ORIGINS": [public]}
    if not public.startswith("https://"):
        return settings
    try:
        hsts = int(environ.get("UPPSIKT_HSTS_SECONDS", str(YEAR)))
    except ValueError as error:
        raise ImproperlyConfigured("UPPSIKT_HSTS_SECONDS ska vara ett antal sekunder") from error
    return settings | {
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SECURE_HSTS_SECONDS": hsts,
        # Uppsikt's own host name and any below it: a municipality's apex domain is not ours
        # to preload, so HSTS preloading (Django's W021) is left to the municipality's proxy.
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SILENCED_SYSTEM_CHECKS": ["security.W021"],
        "SECURE_SSL_REDIRECT": True,
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    }


def megabytes(environ: Mapping[str, str], name: str, default: float) -> int:
    """A size in megabytes from the environment, as bytes; a value that is no number refused."""
    text = environ.get(name, "").strip().replace(",", ".")
    try:
        value = float(text) if text else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} ska vara ett antal megabyte, inte {text!r}") from None
    if value <= 0:
        raise ImproperlyConfigured(f"{name} ska vara större än 0")
    return int(value * 2**20)
