"""A committee goal's page: its indicators, assignments and assessment, and the assessment form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from uppsikt.apps.goals import queries, services
from uppsikt.apps.goals.forms import AssessmentForm
from uppsikt.apps.goals.models import GoalAssessment
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.queries import PeriodClosedError, controls, state_of
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.domain.periods import STATE_NAMES, accepts_follow_ups


@login_required
def goal(
    request: HttpRequest, kolada_id: str, committee: str, period: str, code: str
) -> HttpResponse:
    """Show the goal for the period; the committee's controller assesses it while it is open."""
    year, reporting_period = year_and_period_of(request, kolada_id, committee, period)
    item = queries.goal_for(request.user, year, code)
    if item is None:
        raise Http404("inget sådant nämndmål")
    assessment = GoalAssessment.objects.filter(goal=item, period=reporting_period).first()
    page = queries.goal_page(item, reporting_period, assessment)
    state = state_of(item.committee_year, reporting_period)
    may_edit = controls(request.user, item.committee_year) and accepts_follow_ups(state)
    levels = item.committee_year.assessment_scale.levels.all()
    suggestion = f"{page.suggestion.symbol} {page.suggestion.label}" if page.suggestion else ""
    conflict: GoalAssessment | None = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("du får inte bedöma det här målet nu")
        form = AssessmentForm(request.POST, levels=levels, suggestion=suggestion)
        if form.is_valid():
            try:
                services.assess(
                    request.user,
                    item,
                    reporting_period,
                    level=form.cleaned_data["level"],
                    comment=form.cleaned_data["comment"],
                    version=form.cleaned_data["version"],
                )
            except StaleVersionError as error:
                conflict = error.current  # type: ignore[assignment]
                form = AssessmentForm.rebased(request.POST, error.current, levels, suggestion)
            except ValueError as error:  # a level moved to another scale since the form
                message = str(error)
                form.add_error("level", message[:1].upper() + message[1:])
            except PeriodClosedError as error:  # closed since the page was read
                raise PermissionDenied(str(error)) from error
            else:
                messages.success(request, "Bedömningen är sparad.")
                return redirect(request.path)
    else:
        form = AssessmentForm.of(assessment, levels, suggestion)
    context = {
        "goal": item,
        "page": page,
        "period": reporting_period,
        "assessment": assessment,
        "form": form if may_edit else None,
        "state": STATE_NAMES[state],
        "conflict": conflict,
        "changed_by": conflict.history.first() if conflict and conflict.pk else None,
        "history": queries.history_of(item),
        "kolada_id": kolada_id,
    }
    return render(request, "goals/goal.html", context, status=409 if conflict else 200)
