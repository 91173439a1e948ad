"""The period's text sections: their list, each one's page and editor, and its live preview."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from uppsikt.apps.narratives import queries, services
from uppsikt.apps.narratives.forms import NarrativeForm
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.narratives.rendering import render_preview
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.queries import PeriodClosedError, controls, state_of
from uppsikt.apps.tracking import StaleVersionError, changes
from uppsikt.domain.periods import STATE_NAMES, PeriodState, accepts_follow_ups


def _section(
    request: HttpRequest, kolada_id: str, committee: str, period: str, key: str
) -> tuple[Narrative, PeriodState, bool]:
    """The section named by the address, its period's state, and whether the person may edit."""
    year, found_period = year_and_period_of(request, kolada_id, committee, period)
    narrative = queries.section_for(request.user, year, found_period, key)
    if narrative is None:
        raise Http404("inget sådant textavsnitt")
    state = state_of(year, found_period)
    may_edit = controls(request.user, year) and accepts_follow_ups(state)
    return narrative, state, may_edit


@login_required
def sections(request: HttpRequest, kolada_id: str, committee: str, period: str) -> HttpResponse:
    """The period's text sections as a tree, each with its state, and how many are done."""
    year, reporting_period = year_and_period_of(request, kolada_id, committee, period)
    tree = queries.section_tree(request.user, year, reporting_period)
    rows = [node.row for node in queries.walk(tree)]
    context = {
        "tree": tree,
        "done": sum(not row.draft for row in rows),
        "total": len(rows),
        "committee_year": year,
        "period": reporting_period,
        "state": STATE_NAMES[state_of(year, reporting_period)],
        "kolada_id": kolada_id,
    }
    return render(request, "narratives/sections.html", context)


@login_required
def section(
    request: HttpRequest, kolada_id: str, committee: str, period: str, key: str
) -> HttpResponse:
    """Show a section; its committee's controller writes it here while the period is open."""
    narrative, state, may_edit = _section(request, kolada_id, committee, period, key)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied("du får inte skriva den här texten nu")
    figures = queries.figures_for(narrative.committee_year, narrative.period)
    conflict: Narrative | None = None
    previewing = False
    if request.method == "POST":
        form = NarrativeForm(request.POST, figures=figures)
        previewing = "preview" in request.POST
        if form.is_valid() and not previewing:
            try:
                services.update_narrative(
                    request.user,
                    narrative,
                    figures,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    draft=not form.cleaned_data["done"],
                    version=form.cleaned_data["version"],
                )
            except StaleVersionError as error:
                conflict = cast("Narrative", error.current)
                form = NarrativeForm.rebased(request.POST, conflict, figures)
            except PeriodClosedError as error:  # closed since the page checked
                raise PermissionDenied(str(error)) from error
            else:
                messages.success(request, "Texten är sparad.")
                return redirect(request.path)
    else:
        form = NarrativeForm.of(narrative, figures)
    # The preview shows what the form holds: the saved text, or the person's unsaved input.
    body = str(form["body"].value() or "").replace("\r\n", "\n") if may_edit else narrative.body
    html, problems = render_preview(body, figures)
    context = {
        "narrative": narrative,
        "sections": narrative.sections.all(),
        "kolada_id": kolada_id,
        "state": STATE_NAMES[state],
        "form": form if may_edit else None,
        "previewing": previewing,
        "html": html,
        "problems": problems,
        "conflict": conflict,
        "changed_by": conflict.history.first() if conflict else None,
        "groups": queries.figure_groups(figures),
        "filters": queries.filter_rows(),
        "history": changes(narrative.history.all(), "Texten"),
    }
    return render(request, "narratives/section.html", context, status=409 if conflict else 200)


@login_required
@require_POST
def preview(
    request: HttpRequest, kolada_id: str, committee: str, period: str, key: str
) -> JsonResponse:
    """The section's text as typed, rendered with its live figures, and what stops it saving.

    Only for whoever may write the section now: the answer shows the committee's figures.
    """
    narrative, _, may_edit = _section(request, kolada_id, committee, period, key)
    if not may_edit:
        raise PermissionDenied("du får inte skriva den här texten nu")
    figures = queries.figures_for(narrative.committee_year, narrative.period)
    form = NarrativeForm(request.POST, figures=figures)
    form.is_valid()
    html, problems = render_preview(
        str(request.POST.get("body", "")).replace("\r\n", "\n"), figures
    )
    fragment = render_to_string(
        "narratives/_preview.html", {"html": html, "problems": problems}, request
    )
    errors = {name: list(form.errors[name]) for name in ("title", "body") if name in form.errors}
    return JsonResponse({"html": {"narrative-preview": fragment}, "errors": errors})
