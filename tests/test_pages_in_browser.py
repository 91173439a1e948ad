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


def sign_in_by_keyboard(page: Page, site: str, persona: str) -> None:
    """Only the keyboard: the username field has focus, Tab to the password, Enter to send."""
    make_persona(persona)
    page.goto(f"{site}/konto/logga-in/")
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
    page.keyboard.type("ingen")
    page.keyboard.press("Tab")
    page.keyboard.type("fel")
    page.keyboard.press("Enter")
    page.wait_for_selector('[role="alert"]')
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/", PAGE, f"{PAGE}rapport.html"])
def test_every_page_a_reader_sees_has_no_violation(browser: Browser, site: str, path: str) -> None:
    page = browser.new_page()
    sign_in_by_keyboard(page, site, "reader")
    page.goto(f"{site}{path}")
    assert page.title()
    assert axe_violations(page) == []
