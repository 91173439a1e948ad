"""The report in the browser: the preview, the downloads, and the steps to the lock."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render as render_page
from django.views.decorators.http import require_POST

from uppsikt.apps.checks.queries import Address, finding_rows
from uppsikt.apps.datasets.services import committee_context
from uppsikt.apps.periods.addresses import committee_period_of
from uppsikt.apps.reporting import services
from uppsikt.apps.reporting.forms import StepForm
from uppsikt.apps.reporting.queries import workflow_panel
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.domain.periods import PeriodState
from uppsikt.domain.workflow import StepError
from uppsikt.reports.build import ReportError
from uppsikt.reports.render.html import CONTENT_SECURITY_POLICY

DOWNLOADS = ("pdf", "docx")


@login_required
def report_page(request: HttpRequest, kolada_id: str, committee: str, period: str) -> HttpResponse:
    """The report's page: its preview, downloads, workflow, and what the checks found."""
    committee_period = committee_period_of(request, kolada_id, committee, period)
    committee_year = committee_period.committee_year
    key = committee_period.period.key
    context = committee_context(committee_year.year, committee, key)
    address = Address(kolada_id, committee, str(key))
    page = {
        "committee_name": committee_year.committee.name,
        "period": context.period,
        "findings": finding_rows(context, address),
        "workflow": workflow_panel(request.user, committee_period),
        "kolada_id": kolada_id,
        "committee_code": committee,
    }
    return render_page(request, "reporting/report.html", page)


@login_required
def report(
    request: HttpRequest, kolada_id: str, committee: str, period: str, format_: str
) -> HttpResponse:
    """The committee's report for the period as HTML (shown) or PDF and DOCX (downloaded).

    A locked period's report is the one frozen at the lock, byte for byte.
    """
    if format_ not in ("html", *DOWNLOADS):
        raise Http404
    committee_period = committee_period_of(request, kolada_id, committee, period)
    key = committee_period.period.key
    if committee_period.state == PeriodState.LOCKED.value:
        frozen = services.frozen_report(committee_period, format_)
        content, etag = bytes(frozen.content), f'"{frozen.sha256}"'
    else:
        try:
            document = services.report_document(
                committee_period.committee_year.year, committee, key
            )
        except ReportError as error:
            page = {
                "message": str(error),
                "kolada_id": kolada_id,
                "committee": committee,
                "period": key,
            }
            return render_page(request, "reporting/cannot_build.html", page, status=409)
        content, etag = services.render(document, format_), ""
    response = HttpResponse(content, content_type=services.CONTENT_TYPES[format_])
    if etag:
        response["ETag"] = etag
    if format_ in DOWNLOADS:
        response["Content-Disposition"] = f'attachment; filename="{committee}-{key}.{format_}"'
    else:  # shown in the report page's frame
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@login_required
@require_POST
def step(request: HttpRequest, kolada_id: str, committee: str, period: str) -> HttpResponse:
    """Take the period one step in its workflow (submit, approve, lock, reopen)."""
    committee_period = committee_period_of(request, kolada_id, committee, period, create=True)
    back = redirect("overview:committee_period", kolada_id, committee, period)
    form = StepForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(str(error) for error in errors)}")
        return back
    try:
        services.take_step(
            request.user,
            committee_period,
            PeriodState(form.cleaned_data["target"]),
            version=form.cleaned_data["version"],
            decision_date=form.cleaned_data["decision_date"],
            paragraph=form.cleaned_data["paragraph"],
            case_reference=form.cleaned_data["case_reference"],
            reason=form.cleaned_data["reason"],
        )
    except StepError as error:
        messages.error(request, f"Steget gick inte att ta: {error}.")
    except StaleVersionError:
        messages.error(request, "Någon annan har ändrat perioden under tiden; se hur den står nu.")
    else:
        messages.success(request, "Perioden är uppdaterad.")
    return back
