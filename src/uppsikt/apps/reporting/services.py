"""Building and rendering a committee's report from the database."""

from __future__ import annotations

from pathlib import Path

from uppsikt.apps.datasets.services import context_of, dataset_from_db
from uppsikt.apps.periods.models import Year
from uppsikt.domain.periods import PeriodKey
from uppsikt.reports.build import build_report
from uppsikt.reports.document import ReportDocument, to_json
from uppsikt.reports.render.docx import render_docx
from uppsikt.reports.render.html import render_html
from uppsikt.reports.render.pdf import render_pdf

FORMATS = ("pdf", "docx", "html", "json")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}


def report_document(year: Year, committee: str, period: PeriodKey) -> ReportDocument:
    """The committee's report for the period, built from the database."""
    dataset = dataset_from_db(year, (committee,))
    return build_report(dataset, context_of(dataset, year, committee, period))


def render(document: ReportDocument, format_: str, docx_template: Path | None = None) -> bytes:
    """The document in one format."""
    if format_ == "pdf":
        return render_pdf(document)
    if format_ == "docx":
        return render_docx(document, docx_template)
    if format_ == "html":
        return render_html(document).encode("utf-8")
    if format_ == "json":
        return to_json(document).encode("utf-8")
    raise ValueError(f"okänt format {format_}; välj bland {', '.join(FORMATS)}")
