"""Every page in Debian's chromium: signing in by keyboard, and no WCAG 2.1 AA violation."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import make_persona
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import axe_violations, chromium
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.apps.internal_control.models import ControlFollowUp
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.tracking import save_if_current
from uppsikt.domain.dataset import Dataset

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PAGE = "/kommun/0126/KS/2023-T1/"
# Playwright's sync API runs an event loop in this thread, in which Django would refuse the
# ORM calls the test itself makes; the live server answers in its own thread regardless.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as found:
        yield found


@pytest.fixture
def site(live_server: LiveServer, example: Dataset) -> str:
    load_dataset(example, reason="test")
    return str(live_server.url)


def focused_on(page: Page, element_id: str) -> None:
    """Wait until the element has the keyboard's focus.

    Waits go through `expect`, which polls without evaluating strings: the site's content
    security policy forbids that, and Playwright's `wait_for_function` would break it.
    """
    expect(page.locator(f"#{element_id}")).to_be_focused()


def sign_in_by_keyboard(page: Page, site: str, persona: str) -> None:
    """Only the keyboard: the username field has focus, Tab to the password, Enter to send."""
    make_persona(persona)
    page.goto(f"{site}/konto/logga-in/")
    focused_on(page, "id_login")  # autofocus, once the page has settled
    page.keyboard.type(persona)
    page.keyboard.press("Tab")
    page.keyboard.type(f"{persona}-lösenord-1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/")


def test_the_accessibility_statement_is_open_to_everyone_without_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    page.goto(f"{site}/konto/logga-in/")
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    assert page.title().startswith("Tillgänglighetsredogörelse")
    assert axe_violations(page) == []


def test_the_sign_in_page_has_no_violation(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/konto/logga-in/")
    assert axe_violations(page) == []


def test_a_wrong_password_is_announced_without_violation(browser: Browser, site: str) -> None:
    page = browser.new_page()
    page.goto(f"{site}/konto/logga-in/")
    focused_on(page, "id_login")
    page.keyboard.type("ingen")
    page.keyboard.press("Tab")
    page.keyboard.type("fel")
    page.keyboard.press("Enter")
    page.wait_for_selector('[role="alert"]')
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/mina-uppgifter/",
        PAGE,
        f"{PAGE}rapport/",
        f"{PAGE}rapport.html",
        f"{PAGE}internkontroll/kontroll/K1/",
        f"{PAGE}texter/",
        f"{PAGE}texter/summary/",
        f"{PAGE}mal/M9/",
    ],
)
def test_every_page_a_reader_sees_has_no_violation(browser: Browser, site: str, path: str) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "reader")
    page.goto(f"{site}{path}")
    assert page.title()
    assert axe_violations(page) == []


def tab_to(page: Page, element_id: str) -> None:
    """Press Tab until the element has focus, as a keyboard user moves through the page."""
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reaches #{element_id}")


def test_an_assignment_is_updated_by_keyboard_alone_on_a_page_without_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}")
    first = page.locator("table a[href*='/uppdrag/']").first
    page.goto(f"{site}{first.get_attribute('href')}")
    assert axe_violations(page) == []
    tab_to(page, "id_status")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.selectedOptions[0].text")
    tab_to(page, "id_comment")
    page.keyboard.press("Control+A")
    page.keyboard.type("Uppdaterat med tangentbordet.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Uppdraget är uppdaterat.")
    assert axe_violations(page) == []
    assert "Uppdaterat med tangentbordet." in page.content()
    assert chosen.split(" ", 1)[1] in page.locator(".facts").inner_text()


def test_a_control_updated_after_someone_elses_change_shows_the_conflict_without_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}")
    page.locator("table a[href*='/internkontroll/kontroll/']").first.click()
    page.wait_for_url("**/internkontroll/kontroll/K1/")
    assert axe_violations(page) == []
    saved = ControlFollowUp.objects.get(control__code="K1", period__kind="T1")
    save_if_current(saved, saved.version, comment="Någon annans ändring.")
    page.get_by_label("Kommentar").fill("Min ändring.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("#conflict")
    assert "Någon annans ändring." in page.locator("#conflict").inner_text()
    assert page.get_by_label("Kommentar").input_value() == "Min ändring."
    assert axe_violations(page) == []


def test_the_controllers_period_page_with_its_workflow_has_no_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}")
    page.get_by_role("button", name="Skicka in").click()
    page.wait_for_selector("text=Perioden är uppdaterad.")
    assert page.get_by_role("button", name="Godkänn (nämndens beslut)").is_visible()
    assert axe_violations(page) == []


def test_a_controller_starts_the_next_period_on_pages_without_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}")
    page.get_by_role("link", name="Starta nästa period").click()
    page.wait_for_url("**/nasta-period/")
    assert axe_violations(page) == []
    page.get_by_label("Slutdatum").fill("2023-04-01")
    page.get_by_role("button", name="Visa vad som kopieras").click()
    page.wait_for_selector("text=Slutdatumet måste vara efter 30 april 2023")
    assert axe_violations(page) == []
    page.get_by_label("Slutdatum").fill("")
    page.get_by_role("button", name="Visa vad som kopieras").click()
    page.get_by_role("button", name="Starta 2023-T2").click()
    page.wait_for_url("**/2023-T2/")
    assert "Perioden 2023-T2 är startad." in page.content()
    assert axe_violations(page) == []


def test_a_controller_types_a_forecast_and_sees_the_totals_change(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}ekonomi/resultatrakning/")
    assert axe_violations(page) == []
    result = page.locator("#c-resultat-prognos")
    assert result.inner_text() == "\u2212734\u00a0567"
    field = page.get_by_label("Prognos, Personal")
    field.fill("")
    field.type("−280 000")
    expect(result).to_have_text("\u2212737\u00a0435")
    assert page.locator("#preview-status").inner_text() == "Summorna är omräknade (inte sparade)."
    page.get_by_role("button", name="Spara prognoser och kommentarer").click()
    page.wait_for_selector("text=Sparade 1 ändringar.")
    assert page.locator("#c-resultat-prognos").inner_text() == "\u2212737\u00a0435"
    assert axe_violations(page) == []


def test_a_controller_types_a_text_and_sees_the_preview_change(browser: Browser, site: str) -> None:
    saved = Narrative.objects.get(key="summary", period__kind="T1").body
    total = Assignment.objects.filter(committee_year__committee__code="KS").count()
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}")
    page.get_by_role("link", name="Öppna texten ”Sammanfattning”").click()
    page.wait_for_url("**/texter/summary/")
    assert axe_violations(page) == []
    preview = page.locator("#narrative-preview")
    assert preview.get_attribute("aria-live") == "polite"
    body = page.get_by_label("Text", exact=True)
    body.fill("")
    body.type("Av de **{assignments.total}** uppdragen")
    expect(preview).to_contain_text("Av de")
    assert preview.locator("strong").inner_text() == str(total)
    body.type(" och {x.y}.")
    error = page.locator("#id_body_error")
    expect(error).to_have_text("rad 1: okänd levande siffra {x.y}")
    assert body.get_attribute("aria-invalid") == "true"
    assert "id_body_error" in (body.get_attribute("aria-describedby") or "")
    assert axe_violations(page) == []
    assert Narrative.objects.get(key="summary", period__kind="T1").body == saved  # unsaved


def report_preview(page: Page, site: str) -> str:
    """The report's HTML preview as the signed-in person sees it."""
    page.goto(f"{site}{PAGE}rapport.html")
    return page.content()


def test_a_reporter_updates_an_assignment_and_sees_it_in_the_report_preview(
    browser: Browser, site: str
) -> None:
    assignment = Assignment.objects.get(code="U01")
    assignment.unit = OrgUnit.objects.get(code="EKO")
    assignment.save()
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "reporter")
    assert "Uppdraget följs upp i ny takt." not in report_preview(page, site)
    page.goto(f"{site}{PAGE}uppdrag/U01/")
    page.get_by_label("Status").select_option(label="✖ Ej klart i år")
    page.get_by_label("Kommentar").fill("Uppdraget följs upp i ny takt.")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_selector("text=Uppdraget är uppdaterat.")
    preview = report_preview(page, site)
    assert "Uppdraget följs upp i ny takt." in preview
    assert axe_violations(page) == []


def test_two_people_edit_the_same_assignment_and_the_later_save_gets_the_conflict(
    browser: Browser, site: str
) -> None:
    first, second = browser.new_page(), browser.new_page()  # two browser contexts
    sign_in_by_keyboard(first, site, "controller")
    sign_in_by_keyboard(second, site, "admin")
    for page in (first, second):
        page.goto(f"{site}{PAGE}uppdrag/U01/")
    first.get_by_label("Kommentar").fill("Den förstas ändring.")
    first.get_by_role("button", name="Spara").click()
    first.wait_for_selector("text=Uppdraget är uppdaterat.")
    second.get_by_label("Kommentar").fill("Den andras ändring.")
    second.get_by_role("button", name="Spara").click()
    second.wait_for_selector("#conflict")
    # The later save is refused: it shows the first person's change, and keeps its own text.
    conflict = second.locator("#conflict").inner_text()
    assert "Den förstas ändring." in conflict
    assert "controller" in conflict
    assert second.get_by_label("Kommentar").input_value() == "Den andras ändring."
    saved = Assignment.objects.get(code="U01").follow_ups.get(period__kind="T1")
    assert saved.comment == "Den förstas ändring."
    assert axe_violations(second) == []


@pytest.mark.parametrize(
    ("persona", "answer"), [("reader", 403), ("reporter", 403), ("outsider", 404)]
)
def test_a_forged_update_from_someone_who_may_not_edit_is_refused(
    browser: Browser, site: str, persona: str, answer: int
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, persona)
    address = f"{site}{PAGE}uppdrag/U02/"  # on the administration's top unit, not EKO's
    shown = page.goto(address)
    assert shown is not None
    assert shown.status == (200 if answer == 403 else 404)
    assert page.locator("textarea").count() == 0  # no form to edit with
    before = Assignment.objects.get(code="U02").follow_ups.get(period__kind="T1").comment
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        address,
        form={"comment": "Förfalskat.", "version": "1", "csrfmiddlewaretoken": token},
        headers={"Referer": address},
    )
    assert forged.status == answer
    assert Assignment.objects.get(code="U02").follow_ups.get(period__kind="T1").comment == before


def test_an_anonymous_visitor_sees_nothing_of_the_committee(browser: Browser, site: str) -> None:
    page = browser.new_page()
    for path in (PAGE, f"{PAGE}uppdrag/U01/", f"{PAGE}rapport/", f"{PAGE}rapport.html"):
        page.goto(f"{site}{path}")
        assert "/konto/logga-in/" in page.url
        assert "Kommunstyrelsen" not in page.content()


def test_a_controller_assesses_a_goal_by_keyboard_on_a_page_without_violation(
    browser: Browser, site: str
) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "controller")
    page.goto(f"{site}{PAGE}mal/M9/")
    assert axe_violations(page) == []
    tab_to(page, "id_level")
    page.keyboard.press("ArrowDown")
    chosen = page.evaluate("document.activeElement.selectedOptions[0].text")
    tab_to(page, "id_comment")
    page.keyboard.type("Bedömt med tangentbordet.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Bedömt med tangentbordet.")
    assert chosen.split(" ", 1)[1] in page.content()
    assert axe_violations(page) == []
