"""The report as a Word document: real heading styles, repeating header rows, alt text, sv-SE.

Only Word's built-in style names are used (Title, Subtitle, Heading 1–6, List Bullet, Caption,
Table Grid), so a municipality restyles the report by giving its own template with those
styles (`uppsikt report --docx-template`).
"""

from __future__ import annotations

import io
import os
import zipfile
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.exceptions import OpcError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Pt
from docx.styles.styles import Styles
from docx.table import Table as WordTable
from docx.table import _Cell as WordCell
from docx.table import _Row as WordRow
from docx.text.paragraph import Paragraph as WordParagraph

from uppsikt.reports.document import (
    Block,
    Cell,
    CellKind,
    Figure,
    ItemList,
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
        if bold or run.style is Style.STRONG:
            added.bold = True
        if run.style is Style.EMPHASIS:
            added.italic = True


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
    update = OxmlElement("w:updateFields")  # fill in the contents when opened
    update.set(qn("w:val"), "true")
    _insert(document.settings.element, update, _AFTER_UPDATE_FIELDS)


# The elements that follow w:updateFields in w:settings, and w:tblCellMar in w:tblPr, in the
# schema's order (ECMA-376 part 1, 17.15.1.78 and 17.4.60): Word refuses elements out of order.
_AFTER_UPDATE_FIELDS = frozenset(
    qn(f"w:{name}")
    for name in [
        "hdrShapeDefaults",
        "footnotePr",
        "endnotePr",
        "compat",
        "docVars",
        "rsids",
        "attachedSchema",
        "themeFontLang",
        "clrSchemeMapping",
        "doNotIncludeSubdocsInStats",
        "doNotAutoCompressPictures",
        "forceUpgrade",
        "captions",
        "readModeInkLockDown",
        "smartTagType",
        "shapeDefaults",
        "doNotEmbedSmartTags",
        "decimalSymbol",
        "listSeparator",
    ]
)
_AFTER_CELL_MARGINS = frozenset(
    qn(f"w:{name}") for name in ("tblLook", "tblCaption", "tblPrChange")
)
_MAIN = qn("w:x").rpartition("}")[0] + "}"


def _insert(parent: BaseOxmlElement, child: BaseOxmlElement, successors: frozenset[str]) -> None:
    """Put `child` before the first of its successors (or element of another schema)."""
    for existing in parent:
        tag = str(existing.tag)
        if tag in successors or not tag.startswith(_MAIN):
            existing.addprevious(child)
            return
    parent.append(child)


def _header_row(row: WordRow) -> None:
    """A header row: repeated on each page the table runs onto."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _unbreakable(row: WordRow) -> None:
    """A row that is never split across two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _table_properties(grid: WordTable, caption: str) -> None:
    """Small cell margins, so that numbers keep to one line; the caption as the table's title."""
    properties = grid._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # 1 mm, in twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    _insert(properties, margins, _AFTER_CELL_MARGINS)
    title = OxmlElement("w:tblCaption")  # what assistive technology announces for the table
    title.set(qn("w:val"), caption)
    _insert(properties, title, frozenset({qn("w:tblDescription"), qn("w:tblPrChange")}))


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
        _runs(paragraph, Paragraph.plain(content.text), bold)
    for item in cell.paragraphs:
        item.paragraph_format.space_after = Pt(0)
        if numeric:
            item.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            item.paragraph_format.left_indent = Cm(0.35 * indent)
        for run in item.runs:
            run.font.size = Pt(size)


def _add_missing_style(document: WordDocument, name: str) -> None:
    """Copy a built-in style, and the styles it is based on, from python-docx's own template."""
    if name in document.styles:
        return
    source = _default_styles()[name]
    if source.base_style is not None:
        _add_missing_style(document, source.base_style.name or "")
    document.styles.element.append(deepcopy(source.element))


@cache
def _default_styles() -> Styles:
    styles: Styles = Document().styles  # python-docx's lazy property is untyped
    return styles


class _Writer:
    """Writes a report's blocks into a Word document, looking each style up once."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.style_ids: dict[str, str] = {}

    def style(self, name: str) -> str:
        """The id of a built-in style, looked up once: python-docx searches every style each time.

        A template without the style (Word saves only the styles a file uses) gets python-docx's
        definition of it.
        """
        if name not in self.style_ids:
            _add_missing_style(self.document, name)
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, text: str = "", style: str | None = None) -> WordParagraph:
        paragraph = self.document.add_paragraph(text)
        if style:
            paragraph._p.style = self.style(style)
        return paragraph

    def page_break(self) -> None:
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def cover(self, report: ReportDocument) -> None:
        meta = report.meta
        self.paragraph(meta.municipality)
        self.paragraph(meta.committee, "Title")
        self.paragraph(meta.title, "Subtitle")
        for label, value in meta.facts:
            paragraph = self.paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
        self.page_break()
        self.paragraph("Innehåll", "Heading 1")
        _field(
            self.paragraph(),
            'TOC \\o "1-2" \\h \\z \\u',
            "Innehållsförteckningen fylls i när dokumentet öppnas.",
        )
        self.page_break()

    def section(self, section: Section, depth: int) -> None:
        if section.title:
            self.paragraph(section.title, f"Heading {min(depth, 6)}")
        for block in section.blocks:
            self.block(block)
        for child in section.sections:
            self.section(child, depth + 1)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            _runs(self.paragraph(), block)
        elif isinstance(block, ItemList) and block.ordered:
            self.numbered(block)
        elif isinstance(block, ItemList):
            for item in block.items:
                _runs(self.paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Figure):
            self.figure(block)
        else:
            assert isinstance(block, PageBreak)
            self.page_break()

    def numbered(self, block: ItemList) -> None:
        """A numbered list that starts at its own number, not where the previous one ended."""
        restart = self.restarted_numbering(block.start)
        for index, item in enumerate(block.items):
            paragraph = self.paragraph(style="List Number")
            if restart is None:  # a template whose List Number style numbers nothing
                paragraph.add_run(f"{block.start + index}. ")
            else:
                numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                numbering.get_or_add_ilvl().val = 0
                numbering.get_or_add_numId().val = restart
            _runs(paragraph, item)

    def restarted_numbering(self, start: int) -> int | None:
        """A new instance of the List Number style's numbering, starting at `start`."""
        self.style("List Number")
        properties = self.document.styles["List Number"].element.pPr
        if properties is None or properties.numPr is None or properties.numPr.numId is None:
            return None
        numbering = self.document.part.numbering_part.element
        abstract = numbering.num_having_numId(properties.numPr.numId.val).abstractNumId.val
        instance = numbering.add_num(abstract)
        instance.add_lvlOverride(ilvl=0).add_startOverride(start)
        return int(instance.numId)

    def figure(self, figure: Figure) -> None:
        self.document.add_picture(io.BytesIO(png(figure)), width=Cm(TEXT_WIDTH_CM))
        picture = self.document.inline_shapes[-1]
        properties = picture._inline.docPr
        properties.set("descr", figure.alt)  # the alt text Word and screen readers show
        properties.set("title", figure.caption)
        self.paragraph(figure.caption, "Caption")
        self.table(figure.table)

    def table(self, table: Table) -> None:
        self.paragraph(table.caption, "Caption").paragraph_format.keep_with_next = True
        count = table.column_count
        grid = self.document.add_table(rows=0, cols=count)
        grid._tbl.tblStyle_val = self.style("Table Grid")
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        grid.autofit = False
        _table_properties(grid, table.caption)
        relative = table.column_widths
        widths = [Cm(TEXT_WIDTH_CM * width / sum(relative)) for width in relative]
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice reads
        size = 7.5 if count > 6 else 8.5
        numeric = table.numeric_columns
        for header in table.header:
            row = grid.add_row()
            _header_row(row)
            _unbreakable(row)
            cells = row.cells  # python-docx computes the row's cells on each access
            position = 0
            for cell in header:
                target = cells[position]
                target.width = Emu(sum(widths[position : position + cell.span]))
                if cell.span > 1:
                    target = target.merge(cells[position + cell.span - 1])
                _fill(target, cell, bold=True, numeric=numeric[position], size=size)
                position += cell.span
        for body in table.rows:
            bold = body.kind in {RowKind.TOTAL, RowKind.SUBTOTAL}
            row = grid.add_row()
            _unbreakable(row)
            cells = row.cells
            for index, cell in enumerate(body.cells):
                cells[index].width = widths[index]  # each cell's width, which Word reads
                _fill(
                    cells[index],
                    cell,
                    bold=bold,
                    numeric=numeric[index],
                    indent=body.depth if index == 0 else 0,
                    size=size,
                )
        self.paragraph()


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


class TemplateError(ValueError):
    """A Word template that cannot be read."""


def _open_template(template: Path | None) -> WordDocument:
    if template is None:
        return Document()
    try:
        document: WordDocument = Document(str(template))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TemplateError(
            f"Word-mallen {template} kan inte läsas som en Word-fil: {error}"
        ) from error
    return document


def render_docx(report: ReportDocument, template: Path | None = None) -> bytes:
    """The report as DOCX, on the given Word template or python-docx's default one.

    Raises TemplateError when the template is not a readable Word file.
    """
    document = _open_template(template)
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
    writer = _Writer(document)
    writer.cover(report)
    for section in report.sections:
        writer.section(section, 1)
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue(), moment)
