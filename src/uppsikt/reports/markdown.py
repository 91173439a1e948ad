"""The narrative Markdown subset as document blocks: paragraphs with emphasis, and lists."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from uppsikt.reports.document import BulletList, Paragraph, Run, Style

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


def blocks(text: str) -> list[Paragraph | BulletList]:
    """Paragraphs and bullet lists of a narrative text (headings and quotes read as paragraphs)."""
    found: list[Paragraph | BulletList] = []
    items: list[Paragraph] = []
    depth = 0
    for token in _PARSER.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                found.append(BulletList(tuple(items)))
                items = []
        elif token.type == "inline":
            paragraph = Paragraph(_runs(token))
            (items if depth else found).append(paragraph)
        elif token.type in ("code_block", "fence"):
            found.append(Paragraph.plain(token.content.strip()))
    return found


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A text as paragraphs only (list items become paragraphs starting with a dash): for cells."""
    flat: list[Paragraph] = []
    for block in blocks(text):
        if isinstance(block, BulletList):
            flat.extend(Paragraph((Run("– "), *item.runs)) for item in block.items)
        else:
            flat.append(block)
    return tuple(flat)
