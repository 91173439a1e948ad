"""The report's page: downloads, the preview, and every check finding linked to its place."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.internal_control.models import ControlFollowUp
from uppsikt.apps.narratives.models import Narrative
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PAGE = "/kommun/0126/KS/2023-T1/rapport/"


def test_the_findings_are_listed_errors_first_each_linked_to_the_cell_it_is_about(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    reader = as_persona("reader")
    response = reader.get(PAGE)
    assert response.status_code == 200
    findings = response.context["findings"]
    # The example's known errors: the investment subtotal and total leave out one row.
    errors = [item for item in findings if item.severity == "Fel"]
    assert len(errors) == 6
    assert [item.severity for item in findings] == sorted(
        (item.severity for item in findings), key=lambda severity: severity != "Fel"
    )
    first = errors[0]
    assert first.place == (
        "Tabellen Investeringsredovisning, raden Summa nyinvestering, kolumnen Prognos"
    )
    assert (first.expected, first.found) == ("−42\xa0263", "−42\xa0063")
    table, spot = first.url.split("#")
    assert table == "/kommun/0126/KS/2023-T1/ekonomi/investeringar/"
    assert f'id="{spot}"' in reader.get(table).content.decode()
    html = response.content.decode()
    assert f'<a href="{first.url}">{first.place}</a>' in html
    assert 'href="/kommun/0126/KS/2023-T1/rapport.pdf"' in html
    assert '<iframe class="report-preview" title="Förhandsgranskning av rapporten"' in html


def test_a_forecast_finding_links_to_the_cell_the_controller_types_in(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    findings = controller.get(PAGE).context["findings"]
    comment = next(item for item in findings if item.code == "economy.missing-comment")
    table, spot = comment.url.split("#")
    page = controller.get(table).content.decode()
    # The cell holds the forecast's input: the link lands where the figure is typed.
    cell = page[page.index(f'id="{spot}"') :]
    assert cell.index("<input") < cell.index("</td>")


def test_an_item_without_status_is_found_and_linked_to_its_page(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    follow_up = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert follow_up is not None
    follow_up.status = None
    follow_up.save()
    code = follow_up.assignment.code
    findings = as_persona("reader").get(PAGE).context["findings"]
    missing = next(item for item in findings if item.code == "followup.missing-status")
    assert (missing.severity, missing.place, missing.message) == (
        "Fel",
        f"Uppdrag {code}",
        "status saknas",
    )
    assert missing.url == f"/kommun/0126/KS/2023-T1/uppdrag/{code}/"


def test_people_outside_the_committee_see_nothing(
    loaded: Dataset, as_persona: Callable[[str], Client], client: Client
) -> None:
    assert as_persona("outsider").get(PAGE).status_code == 404
    assert client.get(PAGE)["Location"].startswith("/konto/logga-in/")


def test_findings_on_texts_and_internal_control_link_to_their_pages(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    ControlFollowUp.objects.filter(control__code="K1", period__kind="T1").update(status=None)
    section = Narrative.objects.filter(period__kind="T1").order_by("pk").first()
    assert section is not None
    section.body += " {ingen.sadan.siffra}"
    section.save()
    reader = as_persona("reader")
    findings = reader.get(PAGE).context["findings"]
    places = {item.place: item.url for item in findings}
    assert places["Kontroll K1"] == "/kommun/0126/KS/2023-T1/internkontroll/kontroll/K1/"
    text = places[f"Textavsnittet {section.title}"]
    assert text == f"/kommun/0126/KS/2023-T1/texter/{section.key}/"
    for url in (places["Kontroll K1"], text):
        assert reader.get(url).status_code == 200
