"""Every page in Debian's chromium: signing in by keyboard, and no WCAG 2.1 AA violation."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import make_persona
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from tests.browser import axe_violations, chromium
from uppsikt.apps.datasets.services import load_dataset
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
    """Wait until the element has the keyboard's focus."""
    page.wait_for_function(f"document.activeElement?.id === {element_id!r}")


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


@pytest.mark.parametrize("path", ["/", "/mina-uppgifter/", PAGE, f"{PAGE}rapport.html"])
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
    page.wait_for_function(
        "document.getElementById('c-resultat-prognos').textContent !== '\u2212734\u00a0567'"
    )
    assert result.inner_text() == "\u2212737\u00a0435"
    assert page.locator("#preview-status").inner_text() == "Summorna är omräknade (inte sparade)."
    page.get_by_role("button", name="Spara prognoserna").click()
    page.wait_for_selector("text=Sparade 1 ändrade prognoser.")
    assert page.locator("#c-resultat-prognos").inner_text() == "\u2212737\u00a0435"
    assert axe_violations(page) == []
