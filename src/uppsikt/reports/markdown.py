"""The narrative Markdown subset as document blocks: paragraphs with emphasis, and lists."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from uppsikt.reports.document import ItemList, Paragraph, Run, Style

# CommonMark without raw HTML: a text can only ever be text.
_PARSER = MarkdownIt("commonmark", {"html": False})


def _runs(inline: Token) -> tuple[Run, ...]:
    runs: list[Run] = []
    styles: list[Style] = []
    for child in inline.children or []:
        if child.type in ("em_open", "strong_open"):
            styles.append(Style.EMPHASIS if child.type == "em_open" else Style.STRONG)
        elif child.type in ("em_close", "strong_close"):
            styles.pop()
        elif child.type in ("text", "code_inline", "html_inline"):
            runs.append(Run(child.content, styles[-1] if styles else Style.PLAIN))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", styles[-1] if styles else Style.PLAIN))
    merged: list[Run] = []
    for run in runs:  # neighbouring runs of one style read as one
        if merged and merged[-1].style is run.style:
            merged[-1] = Run(merged[-1].text + run.text, run.style)
        else:
            merged.append(run)
    return tuple(merged)


def blocks(text: str) -> list[Paragraph | ItemList]:
    """Paragraphs and lists of a narrative text (headings and quotes read as paragraphs)."""
    found: list[Paragraph | ItemList] = []
    items: list[Paragraph] = []
    depth = 0
    ordered, start = False, 1
    for token in _PARSER.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if depth == 0:  # a nested list's items join the outer list's
                ordered = token.type == "ordered_list_open"
                start = int(token.attrGet("start") or 1)
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                found.append(ItemList(tuple(items), ordered, start))
                items = []
        elif token.type == "inline":
            paragraph = Paragraph(_runs(token))
            (items if depth else found).append(paragraph)
        elif token.type in ("code_block", "fence"):
            found.append(Paragraph.plain(token.content.strip()))
    return found


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A text as paragraphs only (list items start with a dash or their number): for cells."""
    flat: list[Paragraph] = []
    for block in blocks(text):
        if isinstance(block, ItemList):
            flat.extend(
                Paragraph((Run(f"{block.start + index}. " if block.ordered else "– "), *item.runs))
                for index, item in enumerate(block.items)
            )
        else:
            flat.append(block)
    return tuple(flat)
