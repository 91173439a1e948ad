"""The report's HTML: WCAG 2.1 AA by axe-core in Debian's chromium."""

from __future__ import annotations

import pytest

from tests.browser import axe_violations, chromium
from uppsikt.reports.document import ReportDocument
from uppsikt.reports.render.html import render_html


def test_status_and_attainment_are_never_colour_alone(report: ReportDocument) -> None:
    html = render_html(report)
    assert '<span class="green" aria-hidden="true">●</span> Blir klart i år</span>' in html
    assert "<figure" in html
    assert "<title id=" in html
    assert "Visa diagrammets data som tabell" in html


@pytest.mark.slow
def test_the_report_page_has_no_wcag_21_aa_violation(report: ReportDocument) -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.set_content(render_html(report))
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.lang") == "sv"
        assert page.title() == "Kommunstyrelsen: Delårsrapport per 30 april 2023"


@pytest.mark.slow
def test_the_audit_does_find_violations_where_there_are_some() -> None:
    with chromium() as browser:
        page = browser.new_page()
        page.set_content('<html><body><img src="x.png"><p style="color:#bbb">grå</p></body></html>')
        assert {item["id"] for item in axe_violations(page)} >= {"image-alt", "html-has-lang"}
