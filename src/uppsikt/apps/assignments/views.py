"""An assignment's page: what it is, where it stands, and its update for reporters."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from uppsikt.apps.assignments import queries, services
from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.followups import FollowUpForm, Posted, history_of, post_follow_up
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import state_of
from uppsikt.apps.reporting.queries import duties_for
from uppsikt.domain.access import Action
from uppsikt.domain.periods import STATE_NAMES, accepts_follow_ups


def _found(
    request: HttpRequest, kolada_id: str, committee: str, period: str, code: str
) -> tuple[Assignment, ReportingPeriod]:
    """The assignment and period named by the address, if the person may see them."""
    year, found = year_and_period_of(request, kolada_id, committee, period)
    assignment = (
        Assignment.objects.for_user(request.user, Action.VIEW)
        .filter(committee_year=year, code=code)
        .select_related("committee_year__committee", "goal", "unit")
        .first()
    )
    if assignment is None:
        raise Http404("inget sådant uppdrag")
    return assignment, found


@login_required
def assignment(
    request: HttpRequest, kolada_id: str, committee: str, period: str, code: str
) -> HttpResponse:
    """Show the assignment; a reporter in scope updates its status and comment here."""
    item, reporting_period = _found(request, kolada_id, committee, period, code)
    follow_up = AssignmentFollowUp.objects.filter(assignment=item, period=reporting_period).first()
    state = state_of(item.committee_year, reporting_period)
    may_edit = services.may_report(request.user, item) and accepts_follow_ups(state)
    statuses = item.committee_year.assignment_statuses.statuses.all()
    posted = Posted(saved=False, form=FollowUpForm.of(follow_up, statuses))
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("du får inte uppdatera det här uppdraget nu")
        posted = post_follow_up(
            request.POST,
            statuses,
            partial(services.update_follow_up, request.user, item, reporting_period),
        )
        if posted.saved:
            messages.success(request, "Uppdraget är uppdaterat.")
            return redirect(request.path)
    conflict = posted.conflict
    follow_ups = AssignmentFollowUp.objects.filter(assignment=item).select_related("period__year")
    context = {
        "history": history_of(item, "Uppdraget", follow_ups),
        "item": item,
        "period": reporting_period,
        "follow_up": follow_up,
        "form": posted.form if may_edit else None,
        "state": STATE_NAMES[state],
        "conflict": conflict,
        "changed_by": conflict.history.first() if conflict and conflict.pk else None,
        "kolada_id": kolada_id,
    }
    # A save refused as stale answers 409 Conflict, with the other change and the input kept.
    return render(request, "assignments/assignment.html", context, status=409 if conflict else 200)


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    """Mina uppgifter: the person's assignments in open periods, those waiting first.

    A controller also sees what is left in each open period before it can be submitted.
    """
    found = queries.tasks_for(request.user)
    waiting = sum(task.waiting for task in found)
    context = {"tasks": found, "waiting": waiting, "duties": duties_for(request.user)}
    return render(request, "assignments/tasks.html", context)
