"""Personal access tokens: made, shown once, kept as digests, refused when bad, expired or revoked."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
from conftest import make_persona
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from uppsikt.apps.api.models import AccessToken
from uppsikt.apps.api.tests.conftest import ApiClient
from uppsikt.apps.api.tokens import create_token, revoke
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
COMMITTEES = "/api/committees"


@pytest.fixture
def reader(loaded: Dataset) -> tuple[AccessToken, str]:
    made = create_token(make_persona("reader"), "Ekonomisystemet", now=timezone.now())
    return made.token, made.secret


def test_only_the_digest_and_a_prefix_of_the_secret_are_kept(
    reader: tuple[AccessToken, str],
) -> None:
    token, secret = reader
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret.startswith(token.prefix)
    assert len(token.prefix) < len(secret) // 3
    assert secret not in {str(value) for value in AccessToken.objects.values_list().get()}


def test_a_valid_token_reads_and_notes_its_use(reader: tuple[AccessToken, str]) -> None:
    token, secret = reader
    assert ApiClient(secret).get(COMMITTEES).status_code == 200
    token.refresh_from_db()
    assert token.last_used is not None


@pytest.mark.parametrize(
    ("case", "headers"),
    [
        ("no header", {}),
        ("another scheme", {"Authorization": "Basic dXNlcjpwYXNz"}),
        ("an unknown token", {"Authorization": "Bearer upk_finns-inte-alls-0123456789"}),
        ("not a token at all", {"Authorization": "Bearer \u00e5\u00e4\u00f6"}),
    ],
)
def test_a_request_without_a_valid_token_gets_401_in_json(
    loaded: Dataset, case: str, headers: dict[str, str]
) -> None:
    response = Client().get(COMMITTEES, headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_gets_401(reader: tuple[AccessToken, str]) -> None:
    token, secret = reader
    revoke(token, now=timezone.now())
    response = ApiClient(secret).get(COMMITTEES)
    assert response.status_code == 401
    assert "återkallad" in response.json()["detail"]


def test_an_expired_token_gets_401_the_day_after_its_last_day(
    reader: tuple[AccessToken, str],
) -> None:
    token, secret = reader
    token.expires = timezone.localdate()
    token.save()
    assert ApiClient(secret).get(COMMITTEES).status_code == 200
    AccessToken.objects.filter(pk=token.pk).update(expires=timezone.localdate() - timedelta(days=1))
    response = ApiClient(secret).get(COMMITTEES)
    assert response.status_code == 401
    assert "utgången" in response.json()["detail"]


def test_a_token_of_a_deactivated_account_gets_401(reader: tuple[AccessToken, str]) -> None:
    token, secret = reader
    token.user.is_active = False
    token.user.save()
    response = ApiClient(secret).get(COMMITTEES)
    assert response.status_code == 401
    assert "inaktiverat" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_signed_in_browser_session_is_not_accepted_by_the_api(
    as_persona: Callable[[str], Client],
) -> None:
    assert as_persona("admin").get(COMMITTEES).status_code == 401


def test_the_token_page_makes_a_token_and_shows_its_secret_once(
    as_persona: Callable[[str], Client],
) -> None:
    browser = as_persona("reporter")
    made = browser.post("/konto/nycklar/", {"name": "Excel-makro", "expires": ""})
    assert made.status_code == 200
    assert made["Cache-Control"] == "no-store"
    token = AccessToken.objects.get(name="Excel-makro")
    secret = made.context["secret"]
    assert secret.startswith(token.prefix)
    assert ApiClient(secret).get(COMMITTEES).status_code == 200
    listed = browser.get("/konto/nycklar/").content.decode()
    assert token.prefix in listed
    assert secret not in listed


def test_the_token_page_refuses_an_expiry_in_the_past(
    as_persona: Callable[[str], Client],
) -> None:
    response = as_persona("reader").post("/konto/nycklar/", {"name": "x", "expires": "2001-01-01"})
    assert response.status_code == 400
    assert "passerat" in response.content.decode()
    assert not AccessToken.objects.exists()


def test_a_person_revokes_their_own_token_but_not_anothers(
    as_persona: Callable[[str], Client], reader: tuple[AccessToken, str]
) -> None:
    token, _ = reader
    outsider = as_persona("outsider")
    assert outsider.post(f"/konto/nycklar/{token.pk}/aterkalla/").status_code == 404
    owner = Client()
    owner.force_login(token.user)
    assert owner.post(f"/konto/nycklar/{token.pk}/aterkalla/").status_code == 302
    token.refresh_from_db()
    assert token.revoked is not None


def test_the_command_creates_lists_and_revokes_tokens(
    loaded: Dataset, capsys: pytest.CaptureFixture[str]
) -> None:
    make_persona("controller")
    call_command(
        "token", "create", "--user", "controller", "--name", "Kolada", "--expires", "2099-12-31"
    )
    secret = capsys.readouterr().out.strip()
    assert ApiClient(secret).get(COMMITTEES).status_code == 200
    token = AccessToken.objects.get()
    call_command("token", "list")
    listed = capsys.readouterr().out
    assert token.prefix in listed
    assert "giltig" in listed
    assert secret not in listed
    call_command("token", "revoke", str(token.pk))
    assert ApiClient(secret).get(COMMITTEES).status_code == 401


def test_the_command_refuses_an_unknown_person(loaded: Dataset) -> None:
    from django.core.management.base import CommandError  # noqa: PLC0415

    with pytest.raises(CommandError, match="ingen person"):
        call_command("token", "create", "--user", "nobody", "--name", "x")
