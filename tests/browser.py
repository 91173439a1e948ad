"""Debian's chromium driven by Playwright, and axe-core run in it (no browser is downloaded)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# The machine has no internet: keep chromium from trying to reach it.
ARGUMENTS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless chromium, or a skip when the package is missing (make test installs it)."""
    if shutil.which("chromium") is None:
        pytest.skip("Debian's chromium is not installed; make test installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 A and AA violations on the page, each with its nodes."""
    results = Axe().run(page, options=WCAG_21_AA)
    return [
        {
            "id": item["id"],
            "help": item["help"],
            "nodes": [node["target"] for node in item["nodes"]][:5],
        }
        for item in results.response["violations"]
    ]
