"""Read-only overview pages: the committees, and one committee's period."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from uppsikt.apps.kept import Kept
from uppsikt.apps.overview import queries
from uppsikt.apps.periods import queries as periods
from uppsikt.apps.reporting.queries import workflow_panel
from uppsikt.domain.periods import PeriodKey, PeriodState
from uppsikt.domain.problems import DomainError

# The rendered sections of the periods' pages, by committee, period and whether it is open.
_bodies: Kept[tuple[str, str, PeriodKey, bool], SafeString] = Kept(16)

# When the accessibility statement was last reviewed against the pages (update with them).
STATEMENT_UPDATED = date(2026, 11, 26)


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the law asks of public digital services; open to everyone."""
    context = {"contact": settings.ACCESSIBILITY_CONTACT, "updated": STATEMENT_UPDATED}
    return render(request, "overview/accessibility.html", context)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Every municipality's committees and their periods."""
    years = queries.years_with_periods(request.user)
    return render(request, "overview/home.html", {"years": years})


@login_required
def committee_period(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> HttpResponse:
    """One committee's goals, assignments, internal control, personnel and texts for a period."""
    try:
        key = PeriodKey.parse(period)
    except DomainError:
        return render(request, "overview/not_found.html", status=404)
    # A committee the person may not see is not found: its existence is not revealed either.
    found = periods.year_and_period(request.user, kolada_id, committee, key)
    page = queries.committee_period_page(kolada_id, committee, key) if found else None
    if found is None or page is None:
        return render(request, "overview/not_found.html", status=404)
    workflow = workflow_panel(request.user, periods.committee_period(*found))
    context = {"page": page, "kolada_id": kolada_id, "committee_code": committee}
    # The sections below the workflow are the same for everyone who may see the period.
    is_open = workflow.period.state == PeriodState.OPEN.value
    body = _bodies.get(
        (kolada_id, committee, key, is_open),
        lambda: render_to_string("overview/_period_body.html", {**context, "open": is_open}),
    )
    context |= {"workflow": workflow, "body": body}
    return render(request, "overview/committee_period.html", context)
