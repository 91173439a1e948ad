"""The report in the browser: the HTML preview and the PDF and Word downloads."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render as render_page

from uppsikt.apps.datasets.queries import NotFoundError, find_period_year
from uppsikt.apps.organisation.queries import committee_for
from uppsikt.apps.reporting.services import CONTENT_TYPES, render, report_document
from uppsikt.domain.access import Action
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.reports.build import ReportError

DOWNLOADS = ("pdf", "docx")


@login_required
def report(
    request: HttpRequest, kolada_id: str, committee: str, period: str, format_: str
) -> HttpResponse:
    """The committee's report for the period as HTML (shown) or PDF and DOCX (downloaded)."""
    if format_ not in ("html", *DOWNLOADS):
        raise Http404
    if committee_for(request.user, Action.VIEW, kolada_id, committee) is None:
        raise Http404("ingen sådan nämnd")
    try:
        key = PeriodKey.parse(period)
        year = find_period_year(committee, key, kolada_id)
    except (DomainError, NotFoundError) as error:
        raise Http404(str(error)) from error
    try:
        document = report_document(year, committee, key)
    except ReportError as error:
        page = {
            "message": str(error),
            "kolada_id": kolada_id,
            "committee": committee,
            "period": key,
        }
        return render_page(request, "reporting/cannot_build.html", page, status=409)
    response = HttpResponse(render(document, format_), content_type=CONTENT_TYPES[format_])
    if format_ in DOWNLOADS:
        response["Content-Disposition"] = f'attachment; filename="{committee}-{key}.{format_}"'
    return response
