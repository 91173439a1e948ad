"""The report in the browser: preview and downloads, only for signed-in people."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.narratives.models import Narrative
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
BASE = "/kommun/0126/KS/2023-T1/rapport"


@pytest.fixture
def reader(as_persona: Callable[[str], Client]) -> Client:
    return as_persona("reader")


def test_the_preview_is_the_reports_html_page(loaded: Dataset, reader: Client) -> None:
    response = reader.get(f"{BASE}.html")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert "<h1>Kommunstyrelsen: Delårsrapport per 30 april 2023</h1>" in html
    assert "Resultaträkning (tkr)" in html


@pytest.mark.parametrize(("format_", "start"), [("pdf", b"%PDF-1.7"), ("docx", b"PK")])
def test_pdf_and_word_are_downloaded(
    loaded: Dataset, reader: Client, format_: str, start: bytes
) -> None:
    response = reader.get(f"{BASE}.{format_}")
    assert response.status_code == 200
    assert response.content.startswith(start)
    assert response["Content-Disposition"] == f'attachment; filename="KS-2023-T1.{format_}"'


def test_the_overview_links_to_the_report(loaded: Dataset, reader: Client) -> None:
    html = reader.get("/kommun/0126/KS/2023-T1/").content.decode()
    for format_ in ("html", "pdf", "docx"):
        assert f'href="{BASE}.{format_}"' in html


def test_nobody_signed_out_gets_a_report_and_unknown_ones_are_not_found(
    loaded: Dataset, reader: Client
) -> None:
    assert Client().get(f"{BASE}.pdf").status_code == 302
    for url in (
        f"{BASE}.exe",
        "/kommun/0126/KS/2023-T2/rapport.pdf",
        "/kommun/0126/XX/2023-T1/rapport.html",
    ):
        assert reader.get(url).status_code == 404


def test_a_report_that_cannot_be_built_says_which_text_is_wrong(
    loaded: Dataset, reader: Client
) -> None:
    Narrative.objects.filter(key="summary").update(body="Utfallet är {ekonomi.finns.inte}.")
    response = reader.get(f"{BASE}.pdf")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Rapporten kan inte byggas" in html
    assert "textavsnittet &#x27;summary&#x27; rad 1" in html
