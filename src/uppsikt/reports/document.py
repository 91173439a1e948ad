"""The report as pure data: sections of headings, paragraphs, lists, tables and figures.

`build.py` makes a `ReportDocument` from a committee's period; the renderers in `render/` turn
the one document into PDF, DOCX and HTML. Everything a reader sees is decided here (texts,
formatted numbers, symbols and words), so the three outputs cannot disagree.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Style(StrEnum):
    """How a run of text is emphasised."""

    PLAIN = "plain"
    EMPHASIS = "emphasis"
    STRONG = "strong"


@dataclass(frozen=True, slots=True)
class Run:
    """A run of text with one style."""

    text: str
    style: Style = Style.PLAIN


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of runs."""

    runs: tuple[Run, ...]

    @classmethod
    def plain(cls, text: str) -> Paragraph:
        """A paragraph of one plain run."""
        return cls((Run(text),))

    @property
    def text(self) -> str:
        """The paragraph's text without styles."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list of items, each a paragraph: bulleted, or numbered from `start`."""

    items: tuple[Paragraph, ...]
    ordered: bool = False
    start: int = 1


class CellKind(StrEnum):
    """What a table cell holds."""

    TEXT = "text"
    NUMBER = "number"
    STATUS = "status"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell: text, a formatted number, or a status shown by symbol and word."""

    text: str
    kind: CellKind = CellKind.TEXT
    symbol: str = ""
    colour: str = ""
    span: int = 1
    paragraphs: tuple[Paragraph, ...] = ()  # a longer text (a comment) in paragraphs


class RowKind(StrEnum):
    """What a body row is."""

    DATA = "data"
    LABEL = "label"
    SUBTOTAL = "subtotal"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class TableRow:
    """A body row; its first cell is the row header."""

    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.DATA
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Table:
    """A table with header rows repeated on every page, and row headers in the first column."""

    key: str
    caption: str
    header: tuple[tuple[Cell, ...], ...]
    rows: tuple[TableRow, ...]
    widths: tuple[int, ...] = ()  # relative column widths; even when empty

    @property
    def column_count(self) -> int:
        """How many columns the table has, spans counted."""
        rows = (*self.header, *(row.cells for row in self.rows))
        return max((sum(cell.span for cell in row) for row in rows), default=1)

    @property
    def column_widths(self) -> tuple[int, ...]:
        """Relative widths, one per column: the given ones, or even ones."""
        count = self.column_count
        return self.widths if len(self.widths) == count else (1,) * count

    @property
    def numeric_columns(self) -> tuple[bool, ...]:
        """Per column, whether it holds numbers (aligned right); never the row headers' column."""
        return tuple(
            index > 0
            and any(
                row.cells[index].kind is CellKind.NUMBER
                for row in self.rows
                if index < len(row.cells)
            )
            for index in range(self.column_count)
        )


class ChartKind(StrEnum):
    """The kind of chart."""

    LINE = "line"
    BAR = "bar"


@dataclass(frozen=True, slots=True)
class Series:
    """A named series of values (None where there is no value)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """Chart data: categories along the axis, series of values, and the value axis's unit."""

    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart with alt text, a caption, and the same data as a table."""

    key: str
    chart: Chart
    alt: str
    caption: str
    table: Table


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page (PDF and DOCX)."""


Block = Paragraph | ItemList | Table | Figure | PageBreak


@dataclass(frozen=True, slots=True)
class Section:
    """A headed section: its blocks, then its sub-sections."""

    key: str
    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    appendix: bool = False


@dataclass(frozen=True, slots=True)
class Meta:
    """What the cover and the document properties say."""

    title: str
    municipality: str
    committee: str
    report_kind: str
    period: str
    date: str
    case_reference: str = ""
    language: str = "sv-SE"
    paragraph: str = ""  # the decision's paragraph in the minutes, e.g. § 87

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The cover's facts as label and value, those not known left out."""
        decided = ", ".join(filter(None, (self.date, self.paragraph)))
        found = [("Rapport", self.report_kind), ("Period", self.period), ("Beslutad", decided)]
        found.append(("Diarienummer", self.case_reference))
        return [(label, value) for label, value in found if value]


@dataclass(frozen=True)
class ReportDocument:
    """A committee's report for a period."""

    meta: Meta
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def walk(self) -> list[tuple[int, Section]]:
        """Every section with its depth (1 for a top section), in reading order."""
        found: list[tuple[int, Section]] = []

        def visit(section: Section, depth: int) -> None:
            found.append((depth, section))
            for child in section.sections:
                visit(child, depth + 1)

        for section in self.sections:
            visit(section, 1)
        return found


def _tagged(value: Any) -> Any:
    """Plain data with each block named by its type, for JSON."""
    if isinstance(value, Paragraph | ItemList | Table | Figure | PageBreak):
        return {"type": type(value).__name__, **{k: _tagged(v) for k, v in asdict(value).items()}}
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_tagged(item) for item in value]
    return value


def to_json(document: ReportDocument) -> str:
    """The document as stable, readable JSON (golden files compare it)."""
    data = {
        "meta": asdict(document.meta),
        "sections": [_section(section) for section in document.sections],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def _section(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "title": section.title,
        "appendix": section.appendix,
        "blocks": [_tagged(block) for block in section.blocks],
        "sections": [_section(child) for child in section.sections],
    }
