"""The PDF: PDF/UA-1 without a failure, and every figure and status where it belongs."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html import escape

import page
import pypdf
import pytest

from uppsikt.reports.document import (
    Cell,
    CellKind,
    Chart,
    ChartKind,
    Figure,
    ItemList,
    Meta,
    Paragraph,
    ReportDocument,
    Section,
    Series,
    Table,
    TableRow,
)
from uppsikt.reports.render.html import render_html
from uppsikt.reports.render.pdf import render_pdf


def plain(text: str) -> str:
    """Whitespace as single spaces."""
    return " ".join(text.replace("\u00a0", " ").split())


def key(text: str) -> str:
    """Text compared without spaces and hyphens: lines wrap and words hyphenate in cells."""
    return re.sub(r"[\s\u00a0-]+", "", text)


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    return [plain(item.extract_text()) for item in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def table_text(pages: list[str], table: Table) -> str:
    """The text from a table's caption to the next caption."""
    text = " ".join(pages)
    start = text.index(f": {plain(table.caption)}")
    following = re.search(r"(Tabell|Figur) \d+: ", text[start + 2 :])
    return key(text[start : start + 2 + following.start()] if following else text[start:])


def row_text(row: TableRow) -> str:
    return " ".join(plain(cell.text) for cell in row.cells if cell.text)


def test_the_pdf_passes_pdf_ua_1_validation(pdf: bytes) -> None:
    result = page.validate_pdf_bytes(pdf, profile=page.ValidationProfile.PDF_UA_1)
    assert [f"{item.rule_id}: {item.message}" for item in result.failures] == []
    assert result.is_compliant
    assert result.rules.total > 100


def test_the_pdf_is_titled_tagged_swedish_and_bookmarked(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    root = reader.root_object
    mark_info = root["/MarkInfo"].get_object()
    assert isinstance(mark_info, pypdf.generic.DictionaryObject)
    assert reader.metadata is not None
    assert reader.metadata.title == "Kommunstyrelsen: Delårsrapport per 30 april 2023"
    assert str(root["/Lang"]) == "sv-SE"
    assert bool(mark_info["/Marked"])
    assert [item.title for item in reader.outline if not isinstance(item, list)] == [
        "Sammanfattning",
        "Nämndens mål och resultat",
        "Effektivitetsarbete",
        "Ekonomi",
        "Personal",
        "Uppföljning av internkontroll",
    ]


def test_the_cover_and_contents_come_first(pages: list[str]) -> None:
    assert pages[0].startswith("Huddinge kommun Kommunstyrelsen Delårsrapport per 30 april 2023")
    assert "Period: 1 januari – 30 april 2023" in pages[0]
    assert pages[1].startswith("Innehåll Sammanfattning")


def test_every_figure_of_every_economy_table_is_in_its_table(
    pages: list[str], report: ReportDocument
) -> None:
    economy = [
        block
        for _, section in report.walk()
        for block in section.blocks
        if isinstance(block, Table) and block.key.startswith("tabell-")
    ]
    assert len(economy) == 11
    for table in economy:
        text = table_text(pages, table)
        for row in table.rows:
            assert key(row_text(row)) in text, (table.caption, row_text(row))


def test_every_assignment_stands_next_to_its_status(
    pages: list[str], report: ReportDocument
) -> None:
    text = key(" ".join(pages))
    assignments = [
        row
        for _, section in report.walk()
        for block in section.blocks
        if isinstance(block, Table) and block.key.startswith("uppdrag-")
        for row in block.rows
    ]
    assert len(assignments) == 24
    for row in assignments:
        status, assignment = row.cells[0], row.cells[1]
        assert key(f"{status.symbol} {status.text} {assignment.text}") in text


def test_table_headers_repeat_on_every_page_a_table_spans(pages: list[str]) -> None:
    for header in (
        "Riskåtgärd Mål / process Risk Status Kommentar",
        "Systematisk kontroll Mål / process Status Kommentar",
    ):
        spanned = [number for number, text in enumerate(pages) if header in text]
        assert len(spanned) >= 2, header


def test_the_same_data_gives_the_same_bytes(
    report: ReportDocument, pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_pdf(report) == pdf


def test_what_users_write_is_never_read_as_markup_or_escapes() -> None:
    hostile = (
        '#set page(fill: red) ] [ "quoted" \\ $x$ *a* _b_ // not a comment = not a heading'
        " <tag> @ref {x} Gator\\G teknik\\t 1\\1"
    )
    table = Table("t", hostile, ((Cell(hostile),),), (TableRow((Cell(hostile, CellKind.TEXT),)),))
    chart = Chart(ChartKind.BAR, (hostile,), (Series(hostile, (1.0,)),), hostile)
    document = ReportDocument(
        Meta("Titel", "Kommun", "Nämnd", "Delårsrapport", "2023", ""),
        (
            Section(
                "s",
                hostile,
                (
                    Paragraph.plain(hostile),
                    table,
                    Figure("f", chart, hostile, hostile, replace(table, key="d")),
                ),
            ),
        ),
    )
    text = plain(
        " ".join(
            item.extract_text() for item in pypdf.PdfReader(io.BytesIO(render_pdf(document))).pages
        )
    )
    # heading, paragraph, caption, header and cell; the figure's caption and its table's
    assert text.count(plain(hostile)) >= 6
    html = render_html(document)
    assert f'<desc id="f-desc">{escape(hostile)}</desc>' in html
    assert f"<figcaption>{escape(hostile)}</figcaption>" in html


def test_a_numbered_list_is_numbered_from_its_start() -> None:
    items = (Paragraph.plain("femte"), Paragraph.plain("sjätte"))
    document = ReportDocument(
        Meta("Titel", "Kommun", "Nämnd", "Delårsrapport", "2023", ""),
        (Section("s", "Avsnitt", (ItemList(items, ordered=True, start=5),)),),
    )
    text = plain(
        " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_pdf(document))).pages)
    )
    assert "5. femte 6. sjätte" in text
    assert '<ol start="5"><li>femte</li><li>sjätte</li></ol>' in render_html(document)
