"""The read-only overview: signed-in people see the committee's period, others nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PAGE = "/kommun/0126/KS/2023-T1/"


@pytest.fixture
def reader(as_persona: Callable[[str], Client]) -> Client:
    return as_persona("reader")


def test_an_anonymous_visitor_is_sent_to_sign_in_and_sees_nothing(
    loaded: Dataset, client: Client
) -> None:
    for url in ["/", PAGE]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/logga-in/")


def test_the_start_page_lists_committees_and_periods(loaded: Dataset, reader: Client) -> None:
    html = reader.get("/").content.decode()
    assert "Huddinge kommun 2023" in html
    assert f'href="{PAGE}"' in html


def test_the_committee_period_shows_goals_statuses_and_live_figures(
    loaded: Dataset, reader: Client
) -> None:
    response = reader.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Kommunstyrelsen: Delårsrapport per 30 april" in html
    assert "Nämndmål: Öka trygghet och delaktighet" in html
    # Status by symbol and word, never colour alone.
    assert 'aria-hidden="true">✖</span> Ej klart i år' in html
    # Live figures resolved from the data.
    assert "Kommunstyrelsen har 9 internkontroller" in html
    assert "beräknas en inte bli färdiga" in html
    assert "{assignments" not in html


def test_the_economy_tables_are_computed_and_shown(loaded: Dataset, reader: Client) -> None:
    html = reader.get(PAGE).content.decode()
    assert "<caption>Resultaträkning (tkr)</caption>" in html
    # The lokaler deviation is computed from its rounded inputs: −6 388 (published −6 389).
    assert ">− 6 388<" not in html
    assert ">−6 388<" in html
    assert "Justerad budgetram" in html
    assert ">728,1<" in html  # 704,6 + 7,8 + 10 + 3,95 + 1,7


def test_an_unknown_committee_or_period_is_not_found(loaded: Dataset, reader: Client) -> None:
    for url in ["/kommun/0126/XX/2023-T1/", "/kommun/0126/KS/2023-T2/", "/kommun/0126/KS/tjugo/"]:
        assert reader.get(url).status_code == 404


def test_markup_in_texts_is_shown_as_text(loaded: Dataset, reader: Client) -> None:
    follow_up = AssignmentFollowUp.objects.first()
    assert follow_up is not None
    follow_up.comment = '<script>alert("x")</script> **viktigt**'
    follow_up.save()
    html = reader.get(PAGE).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<strong>viktigt</strong>" in html
