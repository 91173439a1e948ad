"""The Word file: heading styles, repeating header rows, alt text, Swedish; LibreOffice reads it."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn

from uppsikt.reports.document import ItemList, Meta, Paragraph, ReportDocument, Section
from uppsikt.reports.render.docx import render_docx


@pytest.fixture(scope="module")
def word(report: ReportDocument) -> bytes:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return render_docx(report)


def test_headings_use_word_heading_styles_in_the_reports_order(
    word: bytes, report: ReportDocument
) -> None:
    document = docx.Document(io.BytesIO(word))
    styled = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[:3] == [
        ("Heading 1", "Innehåll"),
        ("Heading 1", "Sammanfattning"),
        ("Heading 1", "Nämndens mål och resultat"),
    ]
    assert ("Heading 3", "Kommunfullmäktigemål: Minska klimatpåverkan") in headings
    assert [text for style, text in styled if style == "Title"] == ["Kommunstyrelsen"]


def test_every_table_repeats_its_header_rows_keeps_rows_whole_and_is_titled(word: bytes) -> None:
    document = docx.Document(io.BytesIO(word))
    assert len(document.tables) == 35  # every table of the document, charts' data included
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None
        assert first.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.xpath("./w:trPr/w:cantSplit") for row in table.rows)
        (title,) = table._tbl.xpath("./w:tblPr/w:tblCaption/@w:val")
        assert title


def test_added_settings_stand_in_the_schemas_order(word: bytes) -> None:
    document = docx.Document(io.BytesIO(word))
    names = [str(child.tag).rpartition("}")[2] for child in document.settings.element]
    assert names.index("updateFields") < names.index("compat") < names.index("rsids")
    properties = [str(child.tag).rpartition("}")[2] for child in document.tables[0]._tbl.tblPr]
    assert properties[-3:] == ["tblCellMar", "tblLook", "tblCaption"]


def test_every_picture_has_alt_text(word: bytes) -> None:
    document = docx.Document(io.BytesIO(word))
    assert len(document.inline_shapes) == 3
    for shape in document.inline_shapes:
        assert shape._inline.docPr.get("descr", "").startswith(("Stapeldiagram", "Linjediagram"))


def test_the_document_is_swedish_and_titled(word: bytes) -> None:
    document = docx.Document(io.BytesIO(word))
    assert document.core_properties.language == "sv-SE"
    assert document.core_properties.title == "Kommunstyrelsen: Delårsrapport per 30 april 2023"
    language = (
        document.styles.element.find(qn("w:docDefaults"))
        .find(qn("w:rPrDefault"))
        .find(qn("w:rPr"))
        .find(qn("w:lang"))
    )
    assert language.get(qn("w:val")) == "sv-SE"


def test_the_same_data_gives_the_same_bytes(
    report: ReportDocument, word: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_docx(report) == word


def test_a_municipalitys_own_template_gives_the_styles(
    report: ReportDocument, tmp_path: Path
) -> None:
    template = docx.Document()
    template.styles["Heading 1"].font.name = "Arial"
    template.styles["Heading 1"].font.size = docx.shared.Pt(20)
    path = tmp_path / "mall.docx"
    template.save(str(path))
    document = docx.Document(io.BytesIO(render_docx(report, path)))
    style = document.styles["Heading 1"]
    assert (style.font.name, style.font.size.pt) == ("Arial", 20)


def test_a_template_without_some_built_in_styles_gets_them_added(
    report: ReportDocument, tmp_path: Path
) -> None:
    # Word saves only the styles a file uses, so a municipality's template often lacks some.
    template = docx.Document()
    for name in ("Caption", "Heading 4", "List Bullet"):
        element = template.styles[name].element
        element.getparent().remove(element)
    path = tmp_path / "mall.docx"
    template.save(str(path))
    document = docx.Document(io.BytesIO(render_docx(report, path)))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Caption", "Heading 4", "List Bullet"} <= used


@pytest.mark.slow
def test_libreoffice_converts_the_word_file_to_pdf(word: bytes, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; make test installs it")
    source = tmp_path / "rapport.docx"
    source.write_bytes(word)
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(str(tmp_path / "rapport.pdf"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 20
    assert "Kommunstyrelsen" in text
    assert "Resultaträkning (tkr)" in text


def test_each_numbered_list_starts_at_its_own_number() -> None:
    lists = tuple(
        ItemList((Paragraph.plain("a"), Paragraph.plain("b")), ordered=True, start=start)
        for start in (1, 5)
    )
    meta = Meta("Titel", "Kommun", "Nämnd", "Delårsrapport", "2023", "")
    word = render_docx(ReportDocument(meta, (Section("s", "Avsnitt", lists),)))
    document = docx.Document(io.BytesIO(word))
    numbered = [
        p for p in document.paragraphs if p.style is not None and p.style.name == "List Number"
    ]
    ids = [int(p._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")[0]) for p in numbered]
    assert ids[0] == ids[1] != ids[2] == ids[3]
    numbering = document.part.numbering_part.element
    starts = [
        numbering.num_having_numId(ids[index]).find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        for index in (0, 2)
    ]
    assert [item.get(qn("w:val")) for item in starts] == ["1", "5"]
