"""Starta nästa period: the page that shows what the next period starts from, and starts it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from uppsikt.apps.periods import services
from uppsikt.apps.periods.addresses import committee_period_of
from uppsikt.apps.periods.forms import NextPeriodForm
from uppsikt.apps.periods.queries import controls
from uppsikt.domain.next_period import Refusal
from uppsikt.domain.periods import ReportingPeriod


def _refuse(form: NextPeriodForm, refusals: list[Refusal]) -> None:
    for refusal in refusals:
        form.add_error(refusal.field, refusal.message)


def _preview(
    form: NextPeriodForm, found: services.Situation, offered: tuple[ReportingPeriod, ...]
) -> services.Preview | None:
    """What the named period (or, before one is named, the first offered) would start from."""
    if not form.is_bound:
        return services.preview(found, offered[0].key)[0] if offered else None
    if not form.is_valid():
        return None
    preview, refusals = services.preview(
        found, form.cleaned_data["period"], form.cleaned_data["closing_date"]
    )
    _refuse(form, refusals)
    return preview


@login_required
def next_period(request: HttpRequest, kolada_id: str, committee: str, period: str) -> HttpResponse:
    """Show what the next period would start from (GET); start it (POST)."""
    committee_period = committee_period_of(request, kolada_id, committee, period)
    if not controls(request.user, committee_period.committee_year):
        raise PermissionDenied("bara nämndens controller eller en administratör startar perioder")
    form = NextPeriodForm(request.POST if request.method == "POST" else request.GET or None)
    if request.method == "POST" and form.is_valid():
        key = form.cleaned_data["period"]
        try:
            started = services.start_next_period(
                request.user, committee_period, key, form.cleaned_data["closing_date"]
            )
        except services.StartRefusedError as refused:
            _refuse(form, refused.refusals)
        else:
            messages.success(
                request, f"Perioden {key} är startad. Texterna är utkast tills de klarmarkeras."
            )
            return redirect(
                "overview:committee_period", kolada_id, committee, str(started.period.key)
            )
    found = services.situation(committee_period)
    offered = found.suggestions
    if not form.is_bound and offered:
        form = NextPeriodForm(initial={"period": str(offered[0].key)})
    preview = _preview(form, found, offered)
    context = {
        "kolada_id": kolada_id,
        "committee": committee_period.committee_year.committee,
        "current": found.calendar.current,
        "offered": offered,
        "form": form,
        "preview": preview,
    }
    return render(request, "periods/next_period.html", context)
