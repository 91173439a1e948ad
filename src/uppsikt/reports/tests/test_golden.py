"""Golden files of the example's report: the document as JSON and the HTML page.

Run `pytest --update-golden` to rewrite them after an intended change, and read the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from uppsikt.reports.document import ReportDocument, to_json
from uppsikt.reports.render.html import render_html

GOLDEN = Path(__file__).parent / "golden"


def compare(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; run pytest --update-golden"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        pytest.fail(f"{name} differs from its golden file; review, then run pytest --update-golden")


def test_the_document_matches_its_golden_json(report: ReportDocument, update_golden: bool) -> None:
    compare("KS-2023-T1.json", to_json(report), update_golden)


def test_the_html_matches_its_golden_file(report: ReportDocument, update_golden: bool) -> None:
    # Charts are drawn by matplotlib; their SVG is checked elsewhere, not byte by byte here.
    html = re.sub(r"<svg[^>]*>.*?</svg>", "<svg/>", render_html(report), flags=re.DOTALL)
    compare("KS-2023-T1.html", html.replace("><", ">\n<"), update_golden)
