"""A goal's page shows where it stands; the controller assesses it; no one overwrites anyone."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from uppsikt.apps.goals.models import GoalAssessment, IndicatorValue
from uppsikt.apps.organisation.models import Municipality
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.apps.tracking import save_if_current
from uppsikt.apps.vocabularies.models import AssessmentLevel, AssessmentScale
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"
# M9, the employer goal: of its four indicators only M9-I1 has its 2023 value (81, milestone
# >80, up from 80), so the indicators suggest "Uppfyllt".
GOAL = f"{PERIOD}mal/M9/"


def assessment() -> GoalAssessment | None:
    return GoalAssessment.objects.filter(goal__code="M9", period__kind="T1").first()


def level(code: str) -> AssessmentLevel:
    return AssessmentLevel.objects.get(scale__code="maluppfyllelse", code=code)


def form_version(html: str) -> int:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the page has no assessment form"
    return int(found[1])


def row_of(html: str, name: str) -> str:
    """The table row whose header is `name`, as HTML."""
    start = html.index(f'<th scope="row">{name}</th>')
    return html[start : html.index("</tr>", start)]


def test_the_page_shows_the_goal_its_indicators_by_symbol_and_word_and_the_suggestion(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    response = as_persona("reader").get(GOAL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nämndmål M9: Huddinge kommun är en attraktiv arbetsgivare" in html
    assert "Huddinge kommun är en attraktiv arbetsgivare" in html  # KF8, the council goal
    met = row_of(html, "Medarbetarengagemang (HME total nivå KF) (index)")
    cells = re.findall(r'<td class="num">([^<]*)</td>', met)
    assert cells == ["79", "80", "81", "&gt;80", "82"]  # 2021–2023, milestone, long-term
    assert '<span class="symbol" aria-hidden="true">✔</span> Uppnått' in met
    assert '<span class="symbol" aria-hidden="true">↗</span> Förbättring' in met
    assert "<td>Manuell</td>" in met
    no_value = row_of(html, "Sjukfrånvaro (KS) (%)")
    assert re.findall(r'<td class="num">([^<]*)</td>', no_value) == [
        "3,7",
        "4,4",
        "",
        "&lt;4,2",
        "&lt;4",
    ]
    assert '<span class="symbol" aria-hidden="true">–</span> Värde saknas' in no_value
    assert '<span class="symbol" aria-hidden="true">↘</span> Försämring' in no_value  # 3,7 → 4,4
    suggestion = " ".join(html[html.index("<dt>Förslag utifrån indikatorerna</dt>") :].split())
    assert "●</span> Uppfyllt</span> (1 av 1 indikatorer med värde når sitt etappmål)" in suggestion
    assert "–</span> Ej bedömd" in html  # no assessment yet


def test_the_page_lists_the_goals_assignments_with_their_status_and_links(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    html = as_persona("reader").get(GOAL).content.decode()
    section = html[html.index('id="uppdrag"') : html.index('id="historik"')]
    assert f'href="{PERIOD}uppdrag/U21/"' in section
    assert re.findall(r"/uppdrag/(U\d+)/", section) == ["U21", "U22", "U23", "U24"]
    assert "●</span> Blir klart i år" in section


def test_the_overview_links_each_goal_to_its_page(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    html = as_persona("reader").get(PERIOD).content.decode()
    assert (
        f'<h5><a href="{GOAL}">Nämndmål: Huddinge kommun är en attraktiv arbetsgivare</a>' in html
    )


def test_a_controller_assesses_a_goal_and_the_page_shows_it(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    page = controller.get(GOAL).content.decode()
    assert form_version(page) == 0
    assert "Förslag utifrån indikatorerna: ● Uppfyllt." in page  # next to the field
    response = controller.post(
        GOAL,
        {"level": level("delvis-uppfyllt").pk, "comment": "Sjukfrånvaron ökar.", "version": 0},
        follow=True,
    )
    html = response.content.decode()
    assert "Bedömningen är sparad." in html
    saved = assessment()
    assert saved is not None
    assert (saved.level, saved.comment, saved.version) == (
        level("delvis-uppfyllt"),
        "Sjukfrånvaron ökar.",
        1,
    )
    assert saved.history.first().history_user.username == "controller"
    now = html[html.index("<dt>Bedömning nu</dt>") : html.index("<dt>Förslag")]
    assert "◐</span> Delvis uppfyllt" in now
    assert "Sjukfrånvaron ökar." in now

    again = controller.post(GOAL, {"level": "", "comment": "Ändrat.", "version": 1})
    assert again.status_code == 302
    saved = assessment()
    assert saved is not None
    assert (saved.level, saved.comment, saved.version) == (None, "Ändrat.", 2)


def test_the_later_of_two_assessments_gets_the_other_and_keeps_its_own_input(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    admin, controller = as_persona("admin"), as_persona("controller")
    seen = form_version(controller.get(GOAL).content.decode())
    admin.post(GOAL, {"level": level("uppfyllt").pk, "comment": "Adminens text.", "version": seen})

    late = controller.post(
        GOAL,
        {"level": level("ej-uppfyllt").pk, "comment": "Controllerns text.", "version": seen},
    )
    html = late.content.decode()
    assert late.status_code == 409  # Conflict
    assert "Någon annan har bedömt målet medan du arbetade" in html
    conflict = html[html.index('id="conflict"') : html.index("</div>", html.index('id="conflict"'))]
    assert "admin sparade" in conflict
    assert "● Uppfyllt" in conflict  # the other change
    assert "Adminens text." in conflict
    assert "Controllerns text.</textarea>" in html  # the person's own input, kept
    assert f'<option value="{level("ej-uppfyllt").pk}" selected>' in html
    saved = assessment()
    assert saved is not None
    assert (saved.level, saved.comment, saved.version) == (level("uppfyllt"), "Adminens text.", 1)

    again = controller.post(
        GOAL,
        {"level": level("ej-uppfyllt").pk, "comment": "Controllerns text.", "version": 1},
    )
    assert again.status_code == 302
    saved = assessment()
    assert saved is not None
    assert (saved.level, saved.comment) == (level("ej-uppfyllt"), "Controllerns text.")


def test_a_stale_change_to_an_existing_assessment_saves_nothing(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    controller.post(GOAL, {"level": level("uppfyllt").pk, "comment": "Först.", "version": 0})
    saved = assessment()
    assert saved is not None
    save_if_current(saved, 1, comment="Någon annans.")
    response = controller.post(GOAL, {"level": "", "comment": "Min.", "version": 1})
    assert response.status_code == 409  # Conflict
    assert "Någon annan har bedömt målet medan du arbetade" in response.content.decode()
    saved = assessment()
    assert saved is not None
    assert (saved.level, saved.comment, saved.version) == (level("uppfyllt"), "Någon annans.", 2)


def test_a_level_from_another_scale_is_refused_next_to_the_field(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    other = AssessmentScale.objects.create(
        municipality=Municipality.objects.get(kolada_id="0126"), code="annan", name="Annan skala"
    )
    foreign = AssessmentLevel.objects.create(scale=other, code="bra", label="Bra", symbol="+")
    controller = as_persona("controller")
    response = controller.post(GOAL, {"level": foreign.pk, "comment": "x", "version": 0})
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<p class="error" id="id_level-error">Välj en nivå ur nämndens bedömningsskala.</p>' in html
    )
    assert "x</textarea>" in html
    assert assessment() is None


@pytest.mark.parametrize("persona", ["reader", "reporter"])
def test_readers_and_reporters_see_no_form_and_a_forged_post_is_refused(
    loaded: Dataset, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    page = client.get(GOAL)
    assert page.status_code == 200
    assert 'name="version"' not in page.content.decode()
    assert "det gör nämndens controller" in page.content.decode()
    forged = client.post(GOAL, {"level": level("uppfyllt").pk, "comment": "x", "version": 0})
    assert forged.status_code == 403
    assert assessment() is None


def test_an_outsider_finds_no_such_goal(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    outsider = as_persona("outsider")
    assert outsider.get(GOAL).status_code == 404
    assert outsider.post(GOAL, {"comment": "x", "version": 0}).status_code == 404
    assert assessment() is None


def test_an_unknown_goal_or_period_is_not_found(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    assert controller.get(f"{PERIOD}mal/M99/").status_code == 404
    assert controller.get("/kommun/0126/KS/2023-T2/mal/M9/").status_code == 404
    assert controller.get("/kommun/0126/KS/2023-X9/mal/M9/").status_code == 404


def test_a_period_that_is_no_longer_open_refuses_every_assessment(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state="submitted")
    controller = as_persona("controller")
    page = controller.get(GOAL).content.decode()
    assert "perioden är inskickad" in page
    assert 'name="version"' not in page
    refused = controller.post(GOAL, {"level": level("uppfyllt").pk, "comment": "x", "version": 0})
    assert refused.status_code == 403
    assert assessment() is None


def newest_rows(html: str) -> str:
    history = html[html.index('id="historik"') :]
    return history[history.index("<tbody>") :]


def test_the_history_shows_assessments_and_indicator_values_old_and_new(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    controller.post(GOAL, {"level": level("uppfyllt").pk, "comment": "Först.", "version": 0})
    controller.post(GOAL, {"level": level("ej-uppfyllt").pk, "comment": "Sedan.", "version": 1})
    value = IndicatorValue.objects.get(indicator__code="M9-I2", year=2022)
    save_if_current(value, value.version, value=Decimal("8.7"))

    history = newest_rows(controller.get(GOAL).content.decode())
    first = history[: history.index("</tr>")]
    assert "Värdet 2022 för Sjukfrånvaro (KF) (%) ändrad" in first
    assert "<strong>Värde:</strong> 8,6 → 8,7<" in first
    assessed = history[history.index("Bedömningen 2023-T1 ändrad") :]
    assessed = assessed[: assessed.index("</tr>")]
    assert "<strong>Bedömning:</strong> Uppfyllt → Ej uppfyllt" in assessed
    assert "<strong>Kommentar:</strong> Först. → Sedan." in assessed
    assert "Bedömningen 2023-T1 skapad" in history
    assert "Nämndmålet skapad" in history  # the load that created it, furthest down
