"""Django settings, read from the environment; unset means the embedded SQLite default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
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
    app = {
        "provider_id": "kommun",
        "name": environ.get("UPPSIKT_OIDC_NAME", "").strip() or "Kommunens inloggning",
        "client_id": environ["UPPSIKT_OIDC_CLIENT_ID"].strip(),
        "secret": environ["UPPSIKT_OIDC_SECRET"].strip(),
        "settings": {"server_url": server},
    }
    return {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}}


DEBUG = _flag("UPPSIKT_DEBUG")
# Where people report accessibility problems (an e-mail address), named in the statement.
ACCESSIBILITY_CONTACT = os.environ.get("UPPSIKT_ACCESSIBILITY_CONTACT", "").strip()
# A development key; production sets UPPSIKT_SECRET_KEY (see docs/cli.md).
SECRET_KEY = os.environ.get("UPPSIKT_SECRET_KEY") or "uppsikt-insecure-development-key-change-me"
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("UPPSIKT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

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
    "uppsikt.web.timing.server_timing",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
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
# The largest request body read (the API's bulk lines; forms are far smaller): 10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
