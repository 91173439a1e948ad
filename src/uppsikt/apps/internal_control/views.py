"""An internal-control item's page: what it is, where it stands, its update for the controller."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from uppsikt.apps.followups import FollowUpForm, Posted, history_of, post_follow_up
from uppsikt.apps.internal_control import queries, services
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.queries import controls, state_of
from uppsikt.domain.periods import STATE_NAMES, accepts_follow_ups


@login_required
def item(
    request: HttpRequest, *, kolada_id: str, committee: str, period: str, kind: str, code: str
) -> HttpResponse:
    """Show a risk action, audit action or control; the controller updates it while open."""
    year, reporting_period = year_and_period_of(request, kolada_id, committee, period)
    found = queries.item_for(request.user, kind, year, reporting_period, code)
    if found is None:
        raise Http404("ingen sådan åtgärd eller kontroll")
    follow_ups = found.kind.follow_ups(found.item)
    follow_up = next((row for row in follow_ups if row.period_id == found.period.pk), None)
    state = state_of(found.committee_year, found.period)
    may_edit = controls(request.user, found.committee_year) and accepts_follow_ups(state)
    statuses = found.committee_year.control_statuses.statuses.all()
    posted = Posted(saved=False, form=FollowUpForm.of(follow_up, statuses))
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied(f"du får inte uppdatera {found.kind.definite} nu")
        posted = post_follow_up(
            request.POST, statuses, partial(services.update_follow_up, request.user, found)
        )
        if posted.saved:
            messages.success(request, f"{found.kind.definite.capitalize()} är uppdaterad.")
            return redirect(request.path)
    conflict = posted.conflict
    history = history_of(found.item, found.kind.definite.capitalize(), follow_ups)
    context = {
        "found": found,
        "facts": queries.facts(found),
        "follow_up": follow_up,
        "form": posted.form if may_edit else None,
        "state": STATE_NAMES[state],
        "conflict": conflict,
        "changed_by": conflict.history.first() if conflict and conflict.pk else None,
        "history": history,
    }
    return render(request, "internal_control/item.html", context, status=409 if conflict else 200)
