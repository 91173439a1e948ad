"""The example's report, built once for the report tests (no database needed)."""

from __future__ import annotations

import pytest

from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.periods import PeriodKey
from uppsikt.reports.build import build_report
from uppsikt.reports.document import ReportDocument
from uppsikt.reports.render.pdf import render_pdf

T1 = PeriodKey.parse("2023-T1")


@pytest.fixture(scope="session")
def report(example: Dataset) -> ReportDocument:
    """The reference board's delårsrapport, as a document."""
    return build_report(example, FigureContext.of(example, "KS", T1))


@pytest.fixture(scope="session")
def pdf(report: ReportDocument) -> bytes:
    """The report as PDF/UA, rendered once with a fixed creation time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        return render_pdf(report)
