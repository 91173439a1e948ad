"""The report as a Word document: real heading styles, repeating header rows, alt text, sv-SE.

Only Word's built-in style names are used (Title, Subtitle, Heading 1–6, List Bullet, Caption,
Table Grid), so a municipality restyles the report by giving its own template with those
styles (`uppsikt report --docx-template`).
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell as WordCell
from docx.table import _Row as WordRow
from docx.text.paragraph import Paragraph as WordParagraph

from uppsikt.reports.document import (
    Block,
    BulletList,
    Cell,
    CellKind,
    Figure,
    PageBreak,
    Paragraph,
    ReportDocument,
    RowKind,
    Section,
    Style,
    Table,
)
from uppsikt.reports.render.charts import png

LANGUAGE = "sv-SE"
TEXT_WIDTH_CM = 16.0


def _moment() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return (
        datetime.fromtimestamp(int(epoch), tz=UTC)
        if epoch
        else datetime.now(tz=UTC).replace(microsecond=0)
    )


def _runs(paragraph: WordParagraph, content: Paragraph, bold: bool = False) -> None:
    for run in content.runs:
        added = paragraph.add_run(run.text)
        added.bold = bold or run.style is Style.STRONG
        added.italic = run.style is Style.EMPHASIS


def _field(paragraph: WordParagraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (page number, contents) that Word fills in when it opens the file."""
    run = paragraph.add_run()
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _language(document: WordDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")  # fill in the contents when opened
    update.set(qn("w:val"), "true")
    settings.append(update)


def _repeat_header(row: WordRow) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _narrow_margins(grid: WordTable) -> None:
    """Small cell margins, so that wide tables of numbers keep each number on one line."""
    properties = grid._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # 1 mm, in twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.append(margins)


def _fill(
    cell: WordCell,
    content: Cell,
    *,
    bold: bool = False,
    numeric: bool = False,
    indent: int = 0,
    size: float = 8.5,
) -> None:
    paragraph = cell.paragraphs[0]
    if content.kind is CellKind.STATUS:
        paragraph.add_run(f"{content.symbol} {content.text}").bold = True
    elif content.paragraphs and len(content.paragraphs) > 1:
        _runs(paragraph, content.paragraphs[0], bold)
        for more in content.paragraphs[1:]:
            _runs(cell.add_paragraph(), more, bold)
    else:
        paragraph.add_run(content.text).bold = bold
    for item in cell.paragraphs:
        item.paragraph_format.space_after = Pt(0)
        if numeric:
            item.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            item.paragraph_format.left_indent = Cm(0.35 * indent)
        for run in item.runs:
            run.font.size = Pt(size)


def _table(document: WordDocument, table: Table) -> None:
    caption = document.add_paragraph(table.caption, style="Caption")
    caption.paragraph_format.keep_with_next = True
    count = max(
        sum(cell.span for cell in row) for row in (*table.header, *(r.cells for r in table.rows))
    )
    grid = document.add_table(rows=0, cols=count)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    _narrow_margins(grid)
    size = 7.5 if count > 6 else 8.5
    numeric = [
        any(r.cells[i].kind is CellKind.NUMBER for r in table.rows if i < len(r.cells))
        for i in range(count)
    ]
    for header in table.header:
        row = grid.add_row()
        _repeat_header(row)
        position = 0
        for cell in header:
            target = row.cells[position]
            if cell.span > 1:
                target = target.merge(row.cells[position + cell.span - 1])
            _fill(target, cell, bold=True, numeric=position > 0 and numeric[position], size=size)
            position += cell.span
    for body in table.rows:
        row = grid.add_row()
        bold = body.kind in {RowKind.TOTAL, RowKind.SUBTOTAL}
        for index, cell in enumerate(body.cells):
            _fill(
                row.cells[index],
                cell,
                bold=bold,
                numeric=index > 0 and numeric[index],
                indent=body.depth if index == 0 else 0,
                size=size,
            )
    widths = table.widths if len(table.widths) == count else (1,) * count
    grid.autofit = False
    for index, column in enumerate(grid.columns):
        width = Cm(TEXT_WIDTH_CM * widths[index] / sum(widths))
        column.width = width  # the grid, which LibreOffice reads
        for cell in column.cells:
            cell.width = width  # each cell, which Word reads
    document.add_paragraph()


def _figure(document: WordDocument, figure: Figure) -> None:
    document.add_picture(io.BytesIO(png(figure)), width=Cm(TEXT_WIDTH_CM))
    picture = document.inline_shapes[-1]
    properties = picture._inline.docPr
    properties.set("descr", figure.alt)  # the alt text Word and screen readers show
    properties.set("title", figure.caption)
    document.add_paragraph(figure.caption, style="Caption")
    _table(document, figure.table)


def _page_break(document: WordDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _block(document: WordDocument, block: Block) -> None:
    if isinstance(block, Paragraph):
        _runs(document.add_paragraph(), block)
    elif isinstance(block, BulletList):
        for item in block.items:
            _runs(document.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Figure):
        _figure(document, block)
    else:
        assert isinstance(block, PageBreak)
        _page_break(document)


def _section(document: WordDocument, section: Section, depth: int) -> None:
    if section.title:
        document.add_heading(section.title, level=min(depth, 6))
    for block in section.blocks:
        _block(document, block)
    for child in section.sections:
        _section(document, child, depth + 1)


def _cover(document: WordDocument, report: ReportDocument) -> None:
    meta = report.meta
    document.add_paragraph(meta.municipality)
    document.add_paragraph(meta.committee, style="Title")
    document.add_paragraph(meta.title, style="Subtitle")
    facts = [("Rapport", meta.report_kind), ("Period", meta.period)]
    facts += [("Beslutad", meta.date)] if meta.date else []
    facts += [("Diarienummer", meta.case_reference)] if meta.case_reference else []
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    _page_break(document)
    document.add_heading("Innehåll", level=1)
    _field(
        document.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        "Innehållsförteckningen fylls i när dokumentet öppnas.",
    )
    _page_break(document)


def _fixed_zip(data: bytes, moment: datetime) -> bytes:
    """The same archive with every member dated `moment`: the same document gives the same bytes."""
    stamp = max(moment, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def render_docx(report: ReportDocument, template: Path | None = None) -> bytes:
    """The report as DOCX, on the given Word template or python-docx's default one."""
    document = Document(str(template)) if template else Document()
    moment = _moment()
    properties = document.core_properties
    properties.title = f"{report.meta.committee}: {report.meta.title}"
    properties.author = report.meta.municipality
    properties.language = LANGUAGE
    properties.created = properties.modified = moment.replace(tzinfo=None)
    properties.last_modified_by = report.meta.municipality
    properties.revision = 1
    _language(document)
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{report.meta.committee}, {report.meta.title} – sida ")
    _field(footer, "PAGE", "1")
    _cover(document, report)
    for section in report.sections:
        _section(document, section, 1)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), moment)
