"""The read-only overview: signed-in people see the committee's period, others nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.narratives.models import Narrative
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


def test_the_period_shows_its_progress_status_spread_and_key_figures(
    loaded: Dataset, reader: Client
) -> None:
    follow_up = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert follow_up is not None
    follow_up.status = None
    follow_up.save()
    section = Narrative.objects.filter(period__kind="T1", parent=None).order_by("pk").first()
    assert section is not None
    section.draft = True
    section.save()
    response = reader.get(PAGE)
    page = response.context["page"]
    assert [(item.label, item.done, item.total) for item in page.progress] == [
        ("Uppdrag med status för perioden", 23, 24),
        ("Intern kontroll med status för perioden", 22, 22),
        ("Textavsnitt klarmarkerade", 62, 63),
    ]
    spread = page.control_spread
    assert spread.kinds == ["Riskåtgärder", "Granskningsåtgärder", "Kontroller"]
    assert [(cell.label, counts) for cell, counts in spread.rows] == [
        ("Klart", [0, 0, 1]),
        ("Blir klart i år", [2, 3, 4]),
        ("Troligen klart i år", [3, 1, 4]),
        ("Ej klart i år", [3, 1, 0]),
    ]
    assert spread.totals == [8, 5, 9]  # 8 risk actions, 3 of them not done, as published
    assert [(item.label, item.value) for item in page.key_figures] == [
        ("Justerad budgetram", "728,1 mnkr"),
        ("Resultat, budget helår", "−728\xa0163 tkr"),
        ("Resultat, prognos helår", "−734\xa0567 tkr"),
        ("Prognosens avvikelse mot budget", "−6\xa0404 tkr"),
        ("Prognosens avvikelse i procent av budget", "−0,9 procent"),
        ("Resultat, utfall för perioden", "−226\xa0744 tkr"),
        ("Periodens avvikelse mot budget", "8\xa0406 tkr"),
        ("Investeringar, prognos helår", "−58\xa0779 tkr"),
    ]
    html = response.content.decode()
    assert '<progress aria-labelledby="progress-1" value="23" max="24">' in html
    assert "<dt>Justerad budgetram</dt><dd>728,1 mnkr</dd>" in html


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


def test_the_accessibility_statement_is_open_to_everyone_and_names_the_contact(
    client: Client, settings: Any
) -> None:
    html = client.get("/tillganglighet/").content.decode()
    assert "<h1>Tillgänglighetsredogörelse för Uppsikt</h1>" in html
    assert "kommunens systemförvaltare för Uppsikt" in html
    settings.ACCESSIBILITY_CONTACT = "tillganglighet@huddinge.se"
    html = client.get("/tillganglighet/").content.decode()
    assert '<a href="mailto:tillganglighet@huddinge.se">tillganglighet@huddinge.se</a>' in html
    assert "uppdaterades senast den 26 november 2026" in html


@pytest.mark.django_db(transaction=True)
def test_an_edit_shows_at_once_on_the_kept_page(loaded: Dataset, reader: Client) -> None:
    reader.get(PAGE)  # built and kept
    follow_up = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert follow_up is not None
    follow_up.comment = "Ändrat efter att sidan byggts."
    follow_up.save()
    assert "Ändrat efter att sidan byggts." in reader.get(PAGE).content.decode()
