"""The strict content security policy breaks nothing: no page a browser shows violates it."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from conftest import make_persona
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import chromium
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.domain.dataset import Dataset

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
PERIOD = "/kommun/0126/KS/2023-T1/"
# Every kind of page: plain ones, the two with the preview script, the report page with its
# framed report, the API's Swagger page, Django's admin.
PAGES = (
    "/",
    PERIOD,
    f"{PERIOD}texter/summary/",
    f"{PERIOD}ekonomi/resultatrakning/",
    f"{PERIOD}rapport/",
    "/api/docs",
    "/admin/",
)
# Every violation the browser reports, from any frame, kept on the page's window.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
  if (window.top !== window) window.top.__violations?.push(`frame: ${event.violatedDirective}`);
});
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as found:
        yield found


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, example: Dataset) -> Iterator[Page]:
    """The administrator signed in, with every policy violation recorded."""
    load_dataset(example, reason="test")
    admin = make_persona("admin")
    admin.is_staff = admin.is_superuser = True  # so that the admin's pages open too
    admin.save()
    context = browser.new_context(base_url=str(live_server.url))
    context.add_init_script(LISTEN)
    signed_in = context.new_page()
    signed_in.goto("/konto/logga-in/")
    signed_in.fill("#id_login", "admin")
    signed_in.fill("#id_password", "admin-lösenord-1")
    signed_in.press("#id_password", "Enter")
    signed_in.wait_for_url(f"{live_server.url}/")
    yield signed_in
    context.close()


def test_no_page_violates_the_policy(page: Page) -> None:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    for path in PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
        assert violations == [], (path, violations)
    assert not [text for text in messages if "Content Security Policy" in text]


def test_the_report_is_shown_in_its_frame_and_the_preview_script_runs(page: Page) -> None:
    page.goto(f"{PERIOD}rapport/")
    frame = page.frame_locator("iframe.report-preview")
    assert "Kommunstyrelsen" in frame.locator("h1").first.inner_text()
    page.goto(f"{PERIOD}texter/summary/")
    page.get_by_label("Text", exact=True).fill("Det här är en **ny** text.")
    # Playwright's expect polls without evaluating strings, which this policy forbids.
    expect(page.locator("#narrative-preview")).to_contain_text("Det här är en ny text.")
    assert page.evaluate("window.__violations") == []
