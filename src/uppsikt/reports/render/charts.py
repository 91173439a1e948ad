"""Charts drawn with matplotlib: SVG (with title and description) for PDF and HTML, PNG for DOCX.

Series differ by line style, marker and hatching as well as colour, so a chart never speaks by
colour alone; the same data always stands in a table beside it.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from functools import lru_cache
from html import escape
from textwrap import fill

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure as Canvas
from matplotlib.ticker import FuncFormatter

from uppsikt.domain.formatting import format_number
from uppsikt.reports.document import ChartKind, Figure

mpl.rcParams.update(
    {
        "svg.hashsalt": "uppsikt",  # the same chart gives the same bytes
        "svg.fonttype": "none",  # text stays text: searchable, and scaled with the page
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "text.parse_math": False,  # a $ in a label is a dollar, not TeX
    }
)
COLOURS = ("#1f4e79", "#c55a11", "#548235", "#7030a0", "#404040", "#2e75b6")
LINES = ("-", "--", ":", "-.")
MARKERS = ("o", "s", "^", "D", "v", "x")
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
_ID = re.compile(r'(\bid="|url\(#|href="#)([^"()]+)')
_SVG_START = re.compile(r"<svg([^>]*)>")


def _axis_label(value: float, _: float) -> str:
    return format_number(Decimal(str(round(value, 1))), 0 if float(value).is_integer() else 1)


def _bars(figure: Figure, axes: Axes) -> None:
    """Horizontal bars: long category names read along the axis, not slanted over it."""
    chart = figure.chart
    positions = list(range(len(chart.categories)))
    height = 0.8 / max(1, len(chart.series))
    for index, series in enumerate(chart.series):
        axes.barh(
            [p - 0.4 + height * (index + 0.5) for p in positions],
            [value if value is not None else float("nan") for value in series.values],
            height,
            label=series.name,
            color=COLOURS[index % len(COLOURS)],
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor="white",
        )
    axes.set_yticks(positions, [fill(label, 30) for label in chart.categories])
    axes.invert_yaxis()  # the first row on top, as in the table
    axes.xaxis.set_major_formatter(FuncFormatter(_axis_label))
    axes.set_xlabel(chart.unit)
    axes.grid(axis="x", color="#d9d9d9", linewidth=0.6)


def _lines(figure: Figure, axes: Axes) -> None:
    """Lines with a marker and a dash pattern each."""
    chart = figure.chart
    positions = list(range(len(chart.categories)))
    for index, series in enumerate(chart.series):
        axes.plot(
            positions,
            [value if value is not None else float("nan") for value in series.values],
            label=series.name,
            color=COLOURS[index % len(COLOURS)],
            linestyle=LINES[index % len(LINES)],
            marker=MARKERS[index % len(MARKERS)],
        )
    axes.set_xticks(positions, chart.categories)
    axes.yaxis.set_major_formatter(FuncFormatter(_axis_label))
    axes.set_ylabel(chart.unit)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", color="#d9d9d9", linewidth=0.6)


def _draw(figure: Figure, axes: Axes) -> None:
    (_bars if figure.chart.kind is ChartKind.BAR else _lines)(figure, axes)
    axes.legend(frameon=False, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)


def _render(figure: Figure, format_: str) -> bytes:
    rows = len(figure.chart.categories) if figure.chart.kind is ChartKind.BAR else 0
    height = max(3.0, 1.0 + 0.45 * rows * max(1, len(figure.chart.series)) / 2)
    # The object API, without pyplot: no global state, no GUI backend, a faster import.
    canvas = Canvas(figsize=(6.3, height), layout="constrained")
    axes = canvas.subplots()
    _draw(figure, axes)
    out = io.BytesIO()
    metadata = {"Date": None} if format_ == "svg" else {"Software": None}
    canvas.savefig(out, format=format_, metadata=metadata, dpi=200)
    return out.getvalue()


# A chart is drawn once per process for all outputs of a report (figures are immutable values).
@lru_cache(maxsize=64)
def svg(figure: Figure) -> str:
    """The chart as SVG with a title and a description (its alt text) for assistive technology."""
    text = _render(figure, "svg").decode("utf-8")
    text = text[text.index("<svg") :]  # no XML prolog or doctype: it is embedded
    # matplotlib numbers its ids per chart (figure_1, axes_1 …); a page holds several charts.
    text = _ID.sub(lambda found: f"{found[1]}{figure.key}-{found[2]}", text)
    start = f'<svg role="img" aria-labelledby="{figure.key}-title {figure.key}-desc"'
    labels = (
        f'><title id="{figure.key}-title">{escape(figure.caption)}</title>'
        f'<desc id="{figure.key}-desc">{escape(figure.alt)}</desc>'
    )
    # A function as replacement: the caption and alt text are never read as regex escapes.
    return _SVG_START.sub(lambda found: start + found[1] + labels, text, count=1)


@lru_cache(maxsize=64)
def png(figure: Figure) -> bytes:
    """The chart as PNG (Word has no reliable SVG)."""
    return _render(figure, "png")
