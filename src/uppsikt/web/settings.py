"""Django settings, read from the environment; unset means the embedded SQLite default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from uppsikt.web import account_settings, hardening

BASE_DIR = Path(__file__).resolve().parent

SQLITE_FILE = "uppsikt.sqlite3"


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def database_settings(url: str | None) -> dict[str, object]:
    """The default database: `DATABASE_URL`, or a SQLite file in the working directory."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(Path.cwd() / SQLITE_FILE),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    # Connections are kept a minute; each is checked at its first use in a request, so that one
    # the server dropped while idle is replaced rather than failing the request.
    config: dict[str, object] = dict(
        dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


def single_sign_on(environ: Mapping[str, str]) -> dict[str, object] | None:
    """The municipality's OpenID Connect provider from `UPPSIKT_OIDC_*`, or None when unset."""
    server = environ.get("UPPSIKT_OIDC_SERVER_URL", "").strip()
    if not server:
        return None
    needed = ("UPPSIKT_OIDC_CLIENT_ID", "UPPSIKT_OIDC_SECRET")
    missing = [name for name in needed if not environ.get(name, "").strip()]
    if missing:
        raise ImproperlyConfigured(
            f"UPPSIKT_OIDC_SERVER_URL är satt men {', '.join(missing)} saknas"
        )
    scope = environ.get("UPPSIKT_OIDC_SCOPES", "").split() or ["openid", "profile", "email"]
    if "openid" not in scope:
        raise ImproperlyConfigured("UPPSIKT_OIDC_SCOPES ska innehålla openid")
    app = {
        "provider_id": "kommun",
        "name": environ.get("UPPSIKT_OIDC_NAME", "").strip() or "Kommunens inloggning",
        "client_id": environ["UPPSIKT_OIDC_CLIENT_ID"].strip(),
        "secret": environ["UPPSIKT_OIDC_SECRET"].strip(),
        "settings": {
            "server_url": server,
            "scope": scope,
            # The claim listing a person's groups, read by uppsikt.web.sso.
            "groups_claim": environ.get("UPPSIKT_OIDC_GROUPS_CLAIM", "").strip() or "groups",
        },
    }
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}}


DEBUG = _flag("UPPSIKT_DEBUG")
# The address people use; setting it makes this a production installation (docs/deployment.md).
PUBLIC_URL = hardening.public_url(os.environ)
# Where people report accessibility problems (an e-mail address), named in the statement.
ACCESSIBILITY_CONTACT = os.environ.get("UPPSIKT_ACCESSIBILITY_CONTACT", "").strip()
SECRET_KEY = hardening.secret_key(os.environ, Path.cwd(), production=PUBLIC_URL is not None)
ALLOWED_HOSTS = hardening.allowed_hosts(os.environ, PUBLIC_URL)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "uppsikt.apps.accounts",
    "uppsikt.apps.organisation",
    "uppsikt.apps.vocabularies",
    "uppsikt.apps.periods",
    "uppsikt.apps.goals",
    "uppsikt.apps.assignments",
    "uppsikt.apps.internal_control",
    "uppsikt.apps.personnel",
    "uppsikt.apps.narratives",
    "uppsikt.apps.economy",
    "uppsikt.apps.reporting",
    "uppsikt.apps.datasets",
    "uppsikt.apps.checks",
    "uppsikt.apps.overview",
    "uppsikt.apps.api",
    "ninja",  # its Swagger UI files, served from here rather than a CDN
]

MIDDLEWARE = [
    "uppsikt.web.health.health",
    "uppsikt.web.timing.server_timing",
    "uppsikt.web.security.security_headers",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "uppsikt.web.addresses.refuse_nul",  # a NUL in an address: not found (PostgreSQL)
    "django.contrib.messages.middleware.MessageMiddleware",
    "uppsikt.web.accounts.session_expiry",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "uppsikt.web.urls"
WSGI_APPLICATION = "uppsikt.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_settings(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sign-in rate limits and used one-time codes; a table in the database unless UPPSIKT_CACHE_URL
# names another cache, shared by every app server (docs/accounts.md).
CACHES = account_settings.cache_settings(os.environ.get("UPPSIKT_CACHE_URL"))

# Argon2 first; a password kept under an older hash is rehashed with Argon2 at its next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Files people upload (import files, kept with who sent them and their SHA-256); `uppsikt backup`
# takes them along. A folder in the working directory unless UPPSIKT_MEDIA_ROOT names one.
MEDIA_ROOT = Path(os.environ.get("UPPSIKT_MEDIA_ROOT") or Path.cwd() / "uppsikt-filer")


# The largest file the upload page takes (a large municipality's SIE file runs to a hundred
# megabytes or more); an Excel workbook is also held to its reader's own limit.
UPLOAD_MAX_BYTES = hardening.megabytes(os.environ, "UPPSIKT_UPLOAD_MAX_MB", 200)
# An uploaded file larger than this is spooled to a temporary file, never held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 2**20

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Static files are served by WhiteNoise straight from the package; collectstatic is only needed
# when UPPSIKT_STATIC_ROOT names a folder for a reverse proxy to serve.
STATIC_ROOT = os.environ.get("UPPSIKT_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True

# Accounts: local ones through django-allauth by default, created by an administrator (no
# sign-up: a municipality decides who may work in it); single sign-on is added by settings.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "overview:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "uppsikt.web.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
# Failed sign-ins: 5 per username in 5 minutes and 10 per address a minute; then even the right
# password is refused until the window has passed (docs/accounts.md).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key", "login": "30/m/ip"}
ALLAUTH_TRUSTED_PROXY_COUNT = account_settings.trusted_proxy_count(os.environ, PUBLIC_URL)
# Optional two-step verification for local accounts: an authenticator app and recovery codes.
MFA_ADAPTER = "uppsikt.web.accounts.TwoStepAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Uppsikt"
# Sessions end 8 hours after signing in, after 60 minutes without a request, and with the
# browser (UPPSIKT_SESSION_HOURS, UPPSIKT_SESSION_IDLE_MINUTES).
_session = account_settings.session_limits(os.environ)
SESSION_COOKIE_AGE = _session.absolute_seconds
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Uppsikt's own, read by uppsikt.web.accounts.session_expiry.
SESSION_IDLE_AGE = _session.idle_seconds

_single_sign_on = single_sign_on(os.environ)
if _single_sign_on:
    SOCIALACCOUNT_PROVIDERS = _single_sign_on
    INSTALLED_APPS += ["allauth.socialaccount", "allauth.socialaccount.providers.openid_connect"]
    SOCIALACCOUNT_ADAPTER = "uppsikt.web.sso.SingleSignOnAdapter"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind HTTPS: secure `__Host-` cookies, HSTS, redirects, the proxy's scheme header.
globals().update(hardening.https_settings(os.environ, PUBLIC_URL))
# The largest request body read (the API's bulk lines; forms are far smaller): 10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
