"""What every part is built from, and the cells parts share."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.narratives import Figure
from uppsikt.domain.vocabularies import Status, StatusVocabulary
from uppsikt.reports.document import Cell, CellKind, Paragraph
from uppsikt.reports.markdown import paragraphs


@dataclass(frozen=True)
class ReportInput:
    """A committee's period: the dataset (for the council's goals) and the figure context."""

    dataset: Dataset
    context: FigureContext

    @property
    def committee(self) -> CommitteeYear:
        """The committee's year."""
        return self.context.committee

    @cached_property
    def figures(self) -> dict[str, Figure]:
        """Every live figure of the period."""
        return live_figures(self.context)


def text(value: str) -> Cell:
    """A text cell (in a header row, a header cell)."""
    return Cell(value)


def number(value: str) -> Cell:
    """A formatted number, right-aligned by the renderers."""
    return Cell(value, CellKind.NUMBER)


def status(item: Status | None) -> Cell:
    """A status by symbol and word; the colour only styles it."""
    if item is None:
        return Cell("Ej angiven", CellKind.STATUS, symbol="–", colour="grey")
    return Cell(
        item.label,
        CellKind.STATUS,
        symbol=item.symbol,
        colour=item.colour.value if item.colour else "",
    )


def status_of(vocabulary: StatusVocabulary, code: str | None) -> Cell:
    """The status cell for a status code."""
    return status(vocabulary.get(code) if code else None)


def comment(markdown: str) -> Cell:
    """A comment in paragraphs."""
    found = paragraphs(markdown)
    return Cell(" ".join(p.text for p in found), paragraphs=found)


def paragraph(value: str) -> Paragraph:
    """A plain paragraph."""
    return Paragraph.plain(value)
