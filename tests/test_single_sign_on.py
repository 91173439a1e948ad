"""Single sign-on is prepared by settings: the provider from the environment, or none."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from uppsikt.web.settings import single_sign_on

PROVIDER = {
    "UPPSIKT_OIDC_SERVER_URL": "https://login.exempelby.se/realms/kommun",
    "UPPSIKT_OIDC_CLIENT_ID": "uppsikt",
    "UPPSIKT_OIDC_SECRET": "hemligt",
}


def test_without_a_provider_there_is_no_single_sign_on() -> None:
    assert single_sign_on({}) is None


def test_the_provider_comes_from_the_environment() -> None:
    providers = single_sign_on({**PROVIDER, "UPPSIKT_OIDC_NAME": "Exempelby-inloggning"})
    assert providers is not None
    (app,) = providers["openid_connect"]["APPS"]  # type: ignore[index]
    assert app["name"] == "Exempelby-inloggning"
    assert app["settings"] == {"server_url": PROVIDER["UPPSIKT_OIDC_SERVER_URL"]}


def test_a_provider_without_its_client_is_named_as_incomplete() -> None:
    with pytest.raises(ImproperlyConfigured, match="UPPSIKT_OIDC_SECRET saknas"):
        single_sign_on({k: v for k, v in PROVIDER.items() if k != "UPPSIKT_OIDC_SECRET"})


@pytest.mark.slow
def test_uppsikt_starts_with_single_sign_on_configured() -> None:
    env = {**os.environ, **PROVIDER, "DJANGO_SETTINGS_MODULE": "uppsikt.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
