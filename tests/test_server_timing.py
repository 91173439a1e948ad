"""Every response says how long Uppsikt worked on it, in the standard Server-Timing header."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from uppsikt.web.timing import server_timing

pytestmark = pytest.mark.django_db
APP = re.compile(r"^app;dur=(\d+\.\d)$")


def test_a_page_carries_the_time_it_took_in_milliseconds(
    as_persona: Callable[[str], Client],
) -> None:
    response = as_persona("controller").get("/kommun/0126/KS/2023-T1/")
    assert response.status_code == 200
    found = APP.match(response["Server-Timing"])
    assert found, response["Server-Timing"]
    assert float(found.group(1)) > 0


@pytest.mark.parametrize(
    ("persona", "address", "status"),
    [
        (None, "/", 302),  # to the sign-in page
        ("reader", "/kommun/0126/KS/2023-T9/", 404),
        (None, "/static/uppsikt/uppsikt.css", 200),  # answered by WhiteNoise, before the views
    ],
)
def test_redirects_missing_pages_and_static_files_carry_it_too(
    persona: str | None, address: str, status: int, as_persona: Callable[[str], Client]
) -> None:
    response = (as_persona(persona) if persona else Client()).get(address)
    assert response.status_code == status
    assert APP.match(response["Server-Timing"]), response["Server-Timing"]


def test_a_timing_the_view_gave_is_kept_before_the_apps() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("ok")
        response["Server-Timing"] = 'db;dur=2.5;desc="frågor"'
        return response

    response = server_timing(view)(RequestFactory().get("/"))
    earlier, app = response["Server-Timing"].split(", ")
    assert earlier == 'db;dur=2.5;desc="frågor"'
    assert APP.match(app)
