"""The report as a tagged PDF/UA-1 through Typst.

Typst refuses to write a PDF that breaks PDF/UA, so a document that renders is one whose
headings, tables (with header rows repeated on every page), figures (with alt text), title and
language are tagged. All text is passed as Typst string literals, so nothing a user wrote can be
read as markup.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import typst

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
from uppsikt.reports.render.charts import svg

PREAMBLE = """
#set text(lang: "sv", region: "SE", font: ("Libertinus Serif", "DejaVu Sans"), size: 10.5pt, hyphenate: true)
#set par(justify: false, leading: 0.62em, spacing: 0.9em)
#set heading(numbering: none)
#show heading.where(level: 1): set text(size: 17pt)
#show heading.where(level: 2): set text(size: 14pt)
#show heading.where(level: 3): set text(size: 12pt)
#show heading: set block(above: 1.4em, below: 0.7em, sticky: true)
#set table(stroke: 0.5pt + luma(140), inset: (x: 4pt, y: 3.5pt))
#set table.cell(breakable: false)
#show table.cell: set text(size: 9pt, hyphenate: true)
#show table.cell: set par(justify: false, leading: 0.5em, spacing: 0.6em)
#show table.cell.where(y: 0): set text(weight: "bold", hyphenate: false)
#show figure: set block(breakable: true)
#show figure.where(kind: table): set figure.caption(position: top)
#show figure.where(kind: table): it => {
  // The caption stays with the table's first rows: never alone at the foot of a page.
  block(sticky: true, align(left, it.caption))
  it.body
}
#show figure.caption: set text(size: 9.5pt, weight: "bold")
#show figure.caption: set align(left)
"""


def _string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _runs(paragraph: Paragraph) -> str:
    out = []
    for run in paragraph.runs:
        if run.style is Style.EMPHASIS:
            out.append(f"#emph({_string(run.text)})")
        elif run.style is Style.STRONG:
            out.append(f"#strong({_string(run.text)})")
        else:
            out.append(f"#{_string(run.text)}")
    return "".join(out)


def _cell(cell: Cell, numeric: bool, style: str = "", indent: int = 0) -> str:
    """A table cell; `style` is `strong` or `emph` for total and label rows."""
    if cell.kind is CellKind.STATUS:
        content = f"[#{_string(cell.symbol)} #{_string(cell.text)}]"
    elif cell.paragraphs and len(cell.paragraphs) > 1:
        content = "[" + "#parbreak()".join(_runs(paragraph) for paragraph in cell.paragraphs) + "]"
    elif style:
        content = f"[#{style}({_string(cell.text)})]"
    else:
        content = f"[#{_string(cell.text)}]"
    options = [f"colspan: {cell.span}"] if cell.span > 1 else []
    if indent:
        options.append(f"inset: (left: {4 + 10 * indent}pt, rest: 3.5pt)")
    options.append(f"align: {'right' if numeric else 'left'}")
    return f"table.cell({', '.join(options)}, {content})"


ROW_STYLES = {RowKind.TOTAL: "strong", RowKind.SUBTOTAL: "strong", RowKind.LABEL: "emph"}


def _table(table: Table, *, caption: bool = True) -> str:
    columns = ", ".join(f"{width}fr" for width in table.column_widths)
    numeric = table.numeric_columns
    header_cells = []
    for row in table.header:
        position = 0
        for cell in row:
            header_cells.append(_cell(cell, numeric[position]))
            position += cell.span
    body = [
        _cell(
            cell,
            numeric[index],
            ROW_STYLES.get(row.kind, ""),
            row.depth if index == 0 else 0,
        )
        for row in table.rows
        for index, cell in enumerate(row.cells)
    ]
    grid = (
        f"table(columns: ({columns},), "
        f"table.header(repeat: true, {', '.join(header_cells)}), {', '.join(body)})"
    )
    if not caption:
        return grid
    return f"#figure(kind: table, caption: {_string(table.caption)}, {grid})\n"


def _figure(figure: Figure, folder: Path) -> str:
    name = f"{figure.key}.svg"
    (folder / name).write_text(svg(figure), encoding="utf-8")
    image = f"image({_string(name)}, width: 100%, alt: {_string(figure.alt)})"
    data = _table(figure.table, caption=False)
    return (
        f"#figure(kind: image, caption: {_string(figure.caption)}, {image})\n\n"
        f"#figure(kind: table, caption: {_string(figure.table.caption)}, {data})\n"
    )


def _block(block: Block, folder: Path) -> str:
    if isinstance(block, Paragraph):
        return _runs(block) + "\n"
    if isinstance(block, ItemList):
        if block.ordered:
            items = ", ".join(f"[{_runs(item)}]" for item in block.items)
            return f"#enum(start: {block.start}, {items})\n"
        return "".join(f"- {_runs(item)}\n" for item in block.items)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return _figure(block, folder)
    assert isinstance(block, PageBreak)
    return "#pagebreak()\n"


def _section(section: Section, depth: int, folder: Path) -> str:
    out = []
    if section.title:
        out.append(f"#heading(level: {min(depth, 6)}, {_string(section.title)})\n")
    out += [_block(block, folder) + "\n" for block in section.blocks]
    out += [_section(child, depth + 1, folder) for child in section.sections]
    return "".join(out)


def source(document: ReportDocument, folder: Path) -> str:
    """The Typst source of the report; charts are written into `folder` beside it."""
    meta = document.meta
    title = f"{meta.committee}: {meta.title}"
    cells = ", ".join(
        f"strong({_string(label + ':')}), {_string(value)}" for label, value in meta.facts
    )
    cover = [
        f"#set document(title: {_string(title)}, author: {_string(meta.municipality)})",
        '#set page(paper: "a4", margin: (x: 2.2cm, top: 2.4cm, bottom: 2.6cm))',
        PREAMBLE,
        "#v(4.5cm)",
        f"#block(text(size: 13pt, {_string(meta.municipality)}))",
        "#v(0.3cm)",
        f'#block(text(size: 30pt, weight: "bold", {_string(meta.committee)}))',
        f"#block(text(size: 20pt, {_string(meta.title)}))",
        "#v(0.5cm)",
        '#line(length: 100%, stroke: 1.2pt + rgb("#1f4e79"))',
        "#v(0.3cm)",
        f"#grid(columns: (auto, 1fr), column-gutter: 12pt, row-gutter: 8pt, {cells})",
    ]
    footer = (
        '#set page(numbering: "1", footer: context align(center, text(size: 9pt, '
        f"{_string(meta.committee + ', ' + meta.title + ' – sida ')} + counter(page).display())))"
    )
    body = [
        "#pagebreak()",
        footer,
        "#counter(page).update(1)",
        '#outline(title: "Innehåll", depth: 2)',
        "#pagebreak()",
    ]
    sections = [_section(section, 1, folder) for section in document.sections]
    return "\n".join(cover + body) + "\n" + "".join(sections)


def render_pdf(document: ReportDocument) -> bytes:
    """The report as PDF/UA-1.

    The creation time is `SOURCE_DATE_EPOCH` when set, so the same data gives the same bytes.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    timestamp = int(epoch) if epoch else int(datetime.now(tz=UTC).timestamp())
    with tempfile.TemporaryDirectory(prefix="uppsikt-report-") as name:
        folder = Path(name)
        main = folder / "main.typ"
        main.write_text(source(document, folder), encoding="utf-8")
        pdf: bytes = typst.compile(
            str(main), root=str(folder), pdf_standards=["ua-1"], timestamp=timestamp
        )
    return pdf
