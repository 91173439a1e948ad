"""The report as an HTML page (WCAG 2.1 AA): the same page the web UI shows as preview."""

from __future__ import annotations

from html import escape

from uppsikt.reports.document import (
    Block,
    Cell,
    CellKind,
    Figure,
    ItemList,
    PageBreak,
    Paragraph,
    ReportDocument,
    Section,
    Style,
    Table,
)
from uppsikt.reports.render.charts import svg

STYLE = """
body{font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:0 auto;padding:1rem 1.5rem}
h1,h2,h3,h4,h5,h6{line-height:1.25;margin:1.6em 0 .5em}
.cover{border-bottom:2px solid #1f4e79;padding-bottom:1rem;margin-bottom:1.5rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}.facts dt{font-weight:700}.facts dd{margin:0}
.cover p{margin:.2rem 0}
table{border-collapse:collapse;width:100%;margin:.75rem 0 1.5rem;font-size:.92rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.3rem .45rem;vertical-align:top;text-align:left}
thead th{background:#eef2f6}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.total th,tr.total td,tr.subtotal th,tr.subtotal td{font-weight:700}
tr.label th{font-style:italic}
th.depth-1{padding-left:1.4rem;font-weight:400}th.depth-2{padding-left:2.4rem;font-weight:400}th.depth-3{padding-left:3.4rem;font-weight:400}
tbody th{font-weight:400}
.status{white-space:nowrap;font-weight:600}
.status .green{color:#1a7f37}.status .yellow{color:#8a6100}.status .red,.status .not_met{color:#b00020}.status .met{color:#1a7f37}
figure{margin:1rem 0 1.5rem}figure svg{max-width:100%;height:auto}
figcaption{font-style:italic}
a{color:#004b87}
nav ol{columns:2}
@media print{nav{display:none}}
"""


def _runs(paragraph: Paragraph) -> str:
    parts = []
    for run in paragraph.runs:
        text = escape(run.text)
        if run.style is Style.EMPHASIS:
            text = f"<em>{text}</em>"
        elif run.style is Style.STRONG:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def _cell_content(cell: Cell) -> str:
    if cell.kind is CellKind.STATUS:
        return (
            f'<span class="status"><span class="{escape(cell.colour)}" aria-hidden="true">'
            f"{escape(cell.symbol)}</span> {escape(cell.text)}</span>"
        )
    if cell.paragraphs and len(cell.paragraphs) > 1:
        return "".join(f"<p>{_runs(paragraph)}</p>" for paragraph in cell.paragraphs)
    return escape(cell.text)


def _table(table: Table) -> str:
    out = [f'<table id="{escape(table.key)}"><caption>{escape(table.caption)}</caption><thead>']
    numbers = table.numeric_columns
    for header in table.header:
        out.append("<tr>")
        position = 0
        for cell in header:
            scope = "colgroup" if cell.span > 1 else "col"
            span = f' colspan="{cell.span}"' if cell.span > 1 else ""
            numeric = ' class="num"' if numbers[position] else ""
            out.append(f'<th scope="{scope}"{span}{numeric}>{escape(cell.text)}</th>')
            position += cell.span
        out.append("</tr>")
    out.append("</thead><tbody>")
    for row in table.rows:
        out.append(f'<tr class="{row.kind.value}">')
        for index, cell in enumerate(row.cells):
            if index == 0:
                out.append(f'<th scope="row" class="depth-{row.depth}">{_cell_content(cell)}</th>')
            else:
                numeric = ' class="num"' if cell.kind is CellKind.NUMBER else ""
                out.append(f"<td{numeric}>{_cell_content(cell)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _figure(figure: Figure) -> str:
    return (
        f'<figure id="{escape(figure.key)}">{svg(figure)}'
        f"<figcaption>{escape(figure.caption)}</figcaption>"
        f"<details><summary>Visa diagrammets data som tabell</summary>{_table(figure.table)}</details>"
        "</figure>"
    )


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{_runs(block)}</p>"
    if isinstance(block, ItemList):
        items = "".join(f"<li>{_runs(item)}</li>" for item in block.items)
        if not block.ordered:
            return f"<ul>{items}</ul>"
        start = f' start="{block.start}"' if block.start != 1 else ""
        return f"<ol{start}>{items}</ol>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return _figure(block)
    assert isinstance(block, PageBreak)
    return ""


def _section(section: Section, depth: int) -> str:
    level = min(depth + 1, 6)
    heading = (
        f'<h{level} id="{escape(section.key)}">{escape(section.title)}</h{level}>'
        if section.title
        else ""
    )
    body = "".join(_block(block) for block in section.blocks)
    children = "".join(_section(child, depth + 1) for child in section.sections)
    return f"<section>{heading}{body}{children}</section>"


def _contents(document: ReportDocument) -> str:
    items = "".join(
        f'<li><a href="#{escape(section.key)}">{escape(section.title)}</a></li>'
        for section in document.sections
        if section.title
    )
    return f'<nav aria-label="Innehåll"><h2>Innehåll</h2><ol>{items}</ol></nav>'


def render_body(document: ReportDocument) -> str:
    """The report's cover, contents and sections, for embedding in a page."""
    meta = document.meta
    cover = [
        '<header class="cover">',
        f"<p>{escape(meta.municipality)}</p>",
        f"<h1>{escape(meta.committee)}: {escape(meta.title)}</h1>",
        '<dl class="facts">',
        *(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in meta.facts),
        "</dl></header>",
    ]
    sections = "".join(_section(section, 1) for section in document.sections)
    return "".join(cover) + _contents(document) + f"<main>{sections}</main>"


# What the page needs of a browser, for whoever serves it: its styles and charts inline (so that
# it stands alone when saved), no script at all, and framing only by the site that serves it.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "frame-ancestors 'self'; base-uri 'none'"
)


def render_html(document: ReportDocument) -> str:
    """A complete, self-contained HTML page of the report."""
    meta = document.meta
    return (
        f'<!doctype html>\n<html lang="{meta.language[:2]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(meta.committee)}: {escape(meta.title)}</title>"
        f"<style>{STYLE}</style></head><body>{render_body(document)}</body></html>\n"
    )
