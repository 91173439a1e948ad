"""Signing in and out with local accounts; no one signs themselves up."""

from __future__ import annotations

import pytest
from conftest import make_persona
from django.contrib.auth.models import User
from django.test import Client

from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db


def test_a_person_signs_in_with_username_and_password_and_lands_where_they_were_going(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    page = "/kommun/0126/KS/2023-T1/"
    assert client.get(page)["Location"] == f"/konto/logga-in/?next={page}"
    response = client.post(
        "/konto/logga-in/", {"login": "reader", "password": "reader-lösenord-1", "next": page}
    )
    assert response.status_code == 302
    assert response["Location"] == page
    assert client.get(page).status_code == 200


def test_a_wrong_password_is_said_in_swedish_next_to_the_form(
    loaded: Dataset, client: Client
) -> None:
    make_persona("reader")
    response = client.post("/konto/logga-in/", {"login": "reader", "password": "fel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Fel användarnamn eller lösenord" in html
    assert client.get("/").status_code == 302


def test_signing_out_takes_a_post_and_ends_the_session(loaded: Dataset, client: Client) -> None:
    client.force_login(make_persona("reader"))
    response = client.post("/konto/logga-ut/")
    assert response["Location"] == "/konto/logga-in/"
    assert client.get("/").status_code == 302


def test_no_one_can_sign_themselves_up(client: Client) -> None:
    response = client.post(
        "/konto/signup/",
        {
            "username": "ny",
            "password1": "ett-langt-losenord-9",
            "password2": "ett-langt-losenord-9",
        },
    )
    assert response.status_code == 200
    assert "stängd" in response.content.decode().lower()
    assert not User.objects.filter(username="ny").exists()
