"""Narrative text to HTML: live figures resolved, then the safe Markdown subset rendered."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from uppsikt.domain.narratives import Figure, TextProblem, UnresolvedError, check, resolve

# CommonMark with raw HTML disabled: text written by users can never inject markup.
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render_markdown(text: str) -> SafeString:
    """Render the Markdown subset; raw HTML in the text is shown as text."""
    if not text.strip():
        return SafeString()
    html: str = _MARKDOWN.render(text)
    return mark_safe(html)  # noqa: S308 - markdown-it escapes all input


def render_narrative(text: str, figures: Mapping[str, Figure]) -> SafeString:
    """Resolve live figures and render; a text that cannot resolve shows what is wrong."""
    try:
        return render_markdown(resolve(text, figures))
    except UnresolvedError as error:
        return mark_safe(  # noqa: S308 - the message is escaped
            f'<p class="error" role="alert">Texten kan inte visas: {escape(str(error))}</p>'
        )


def render_preview(
    text: str, figures: Mapping[str, Figure]
) -> tuple[SafeString, list[TextProblem]]:
    """The text as the report would show it, or, when it cannot resolve, what is wrong."""
    problems = check(text, figures)
    if problems:
        return SafeString(), problems
    return render_markdown(resolve(text, figures)), []
