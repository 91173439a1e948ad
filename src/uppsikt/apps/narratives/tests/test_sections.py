"""The controller writes the period's texts; others read them; two at once never overwrite."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.periods import PeriodKey

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"
SECTIONS = f"{PERIOD}texter/"
SUMMARY = f"{SECTIONS}summary/"


def summary() -> Narrative:
    return Narrative.objects.get(key="summary", period__kind="T1")


def form_version(html: str) -> int:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the page has no form"
    return int(found[1])


def assignments_total(example: Dataset) -> str:
    context = FigureContext.of(example, "KS", PeriodKey.parse("2023-T1"))
    return str(live_figures(context)["assignments.total"].value)


def test_the_list_shows_every_section_with_its_state_and_how_many_are_done(
    as_persona: Callable[[str], Client],
) -> None:
    Narrative.objects.filter(key__in=("summary", "efficiency-economy")).update(draft=True)
    total = Narrative.objects.filter(period__kind="T1").count()
    html = as_persona("reader").get(SECTIONS).content.decode()
    assert f"{total - 2} av {total} klarmarkerade" in html
    assert html.count(">Utkast</span>") == 2
    assert html.count(">Klar</span>") == total - 2
    assert f'href="{SUMMARY}"' in html
    # The tree: a sub-section is listed inside its parent's list item.
    efficiency = html.index(f'href="{SECTIONS}efficiency/"')
    economy = html.index(f'href="{SECTIONS}efficiency-economy/"')
    assert efficiency < economy < html.index("</ul>", efficiency)


def test_a_controller_edits_a_text_and_marks_it_done(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    Narrative.objects.filter(pk=summary().pk).update(draft=True)
    controller = as_persona("controller")
    version = form_version(controller.get(SUMMARY).content.decode())
    response = controller.post(
        SUMMARY,
        {
            "title": "Sammanfattning av perioden",
            "body": "Nämnden har {assignments.total} uppdrag.\r\n\r\n- ett\r\n- två",
            "done": "on",
            "version": version,
        },
        follow=True,
    )
    assert "Texten är sparad." in response.content.decode()
    saved = summary()
    assert (saved.title, saved.body, saved.draft, saved.version) == (
        "Sammanfattning av perioden",
        "Nämnden har {assignments.total} uppdrag.\n\n- ett\n- två",
        False,
        version + 1,
    )
    assert saved.history.first().history_user.username == "controller"
    overview = controller.get(PERIOD).content.decode()
    assert f"Nämnden har {assignments_total(loaded)} uppdrag." in overview
    assert f'href="{SUMMARY}"' in overview  # each text links to its page


def test_unchecking_done_makes_the_text_a_draft(as_persona: Callable[[str], Client]) -> None:
    controller = as_persona("controller")
    version = form_version(controller.get(SUMMARY).content.decode())
    controller.post(SUMMARY, {"title": "Sammanfattning", "body": "Kort.", "version": version})
    assert summary().draft
    assert ">Utkast</span>" in controller.get(SECTIONS).content.decode()


def test_a_stale_version_shows_the_other_change_and_saves_nothing(
    as_persona: Callable[[str], Client],
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    seen = form_version(controller.get(SUMMARY).content.decode())
    admin.post(
        SUMMARY, {"title": "Sammanfattning", "body": "Administratörens text.", "version": seen}
    )

    late = controller.post(
        SUMMARY,
        {"title": "Sammanfattning", "body": "Controllerns text.", "done": "on", "version": seen},
    )
    html = late.content.decode()
    assert late.status_code == 409  # Conflict
    assert "Någon annan har ändrat texten medan du arbetade" in html
    assert "admin sparade" in html
    assert "Administratörens text." in html  # the other change, shown
    assert "Controllerns text.</textarea>" in html  # the person's own input, kept
    assert summary().body == "Administratörens text."  # nothing overwritten

    again = controller.post(
        SUMMARY,
        {
            "title": "Sammanfattning",
            "body": "Controllerns text.",
            "done": "on",
            "version": form_version(html),
        },
    )
    assert again.status_code == 302
    assert summary().body == "Controllerns text."


def test_an_unknown_live_figure_is_refused_next_to_the_field_with_its_line(
    as_persona: Callable[[str], Client],
) -> None:
    before = summary()
    controller = as_persona("controller")
    response = controller.post(
        SUMMARY,
        {
            "title": "Sammanfattning",
            "body": "Första stycket.\r\n\r\nHär står {x.y} och {assignments.totl|words}.",
            "done": "on",
            "version": before.version,
        },
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    error = re.search(r'<p class="error" id="id_body_error">(.*?)</p>', html)
    assert error is not None
    assert error[1] == (
        "rad 3: okänd levande siffra {x.y}<br>rad 3: okänd levande siffra {assignments.totl}"
    )
    assert re.search(r'<textarea[^>]*aria-invalid="true"', html)
    assert "Här står {x.y}" in html  # the person's input, kept
    after = summary()
    assert (after.body, after.version) == (before.body, before.version)


def test_the_preview_button_shows_the_text_with_its_figures_and_saves_nothing(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    before = summary()
    controller = as_persona("controller")
    response = controller.post(
        SUMMARY,
        {
            "title": "Sammanfattning",
            "body": "Av de **{assignments.total}** uppdragen.",
            "version": before.version,
            "preview": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Av de <strong>{assignments_total(loaded)}</strong> uppdragen." in html
    assert "Förhandsvisningen är inte sparad." in html
    after = summary()
    assert (after.body, after.version) == (before.body, before.version)


def test_the_page_lists_the_live_figures_with_meaning_and_value(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    html = as_persona("controller").get(SUMMARY).content.decode()
    row = re.search(
        r"<tr><th scope=\"row\"><code>\{assignments.total\}</code></th>"
        r"<td>(.*?)</td><td class=\"num\">(.*?)</td></tr>",
        html,
    )
    assert row is not None
    assert (row[1], row[2]) == ("Antal uppdrag", assignments_total(loaded))
    assert "<code>|words</code>" in html  # the filters too
    assert "<code>{table.resultatrakning.personal.prognos}</code>" in html


def test_a_reader_sees_the_text_without_a_form_and_a_forged_post_is_refused(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    before = summary()
    for persona in ("reader", "reporter"):
        client = as_persona(persona)
        page = client.get(SUMMARY)
        html = page.content.decode()
        assert page.status_code == 200
        assert 'name="version"' not in html
        assert "det gör nämndens controller" in html
        assert f"Av de {assignments_total(loaded)} uppdrag" in html  # the text, rendered
        forged = client.post(
            SUMMARY, {"title": "x", "body": "x", "done": "on", "version": before.version}
        )
        assert forged.status_code == 403
    assert summary().body == before.body


def test_an_outsider_finds_no_texts_and_anonymous_visitors_are_sent_to_sign_in(
    as_persona: Callable[[str], Client],
) -> None:
    outsider = as_persona("outsider")
    for url in (SECTIONS, SUMMARY):
        assert outsider.get(url).status_code == 404
    assert outsider.post(SUMMARY, {"title": "x", "version": 1}).status_code == 404
    assert as_persona("admin").get(f"{SECTIONS}ingen-sadan/").status_code == 404
    anonymous = Client().get(SUMMARY)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/konto/logga-in/")


@pytest.mark.parametrize(("state", "shown"), [("submitted", "inskickad"), ("locked", "låst")])
def test_a_period_that_is_no_longer_open_refuses_every_change(
    as_persona: Callable[[str], Client], state: str, shown: str
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state=state)
    before = summary()
    controller = as_persona("controller")
    html = controller.get(SUMMARY).content.decode()
    assert f"perioden är {shown}" in html
    assert 'name="version"' not in html
    forged = controller.post(
        SUMMARY, {"title": "x", "body": "x", "done": "on", "version": before.version}
    )
    assert forged.status_code == 403
    assert summary().version == before.version


def test_the_history_shows_each_change_old_and_new(as_persona: Callable[[str], Client]) -> None:
    draft = summary()
    draft.draft = True
    draft.save()  # a change in the history too
    controller = as_persona("controller")
    version = form_version(controller.get(SUMMARY).content.decode())
    controller.post(
        SUMMARY,
        {"title": "Ny rubrik", "body": "Ny text.", "done": "on", "version": version},
    )
    html = controller.get(SUMMARY).content.decode()
    history = html[html.index('id="historik"') :]
    assert "<td>controller</td>" in history
    assert "<strong>Rubrik:</strong> Sammanfattning → Ny rubrik" in history
    assert "→ Ny text." in history
    assert "<strong>Läge:</strong> Utkast → Klar" in history
