"""A financial table's page: the computed table, and forecasts entered with totals as you type."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from uppsikt.apps.economy import models, queries, services
from uppsikt.apps.economy.ledger import served_table
from uppsikt.apps.economy.mapping import TABLE_RELATIONS
from uppsikt.apps.kept import Kept
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import controls, state_of
from uppsikt.apps.tracking import Change, StaleVersionError, Tracked
from uppsikt.domain.economy.tables import ComputedTable
from uppsikt.domain.formatting import format_date
from uppsikt.domain.periods import STATE_NAMES, accepts_follow_ups


def _found(
    request: HttpRequest, kolada_id: str, committee: str, period: str, key: str
) -> tuple[CommitteeYear, ReportingPeriod, models.FinancialTable]:
    year, found = year_and_period_of(request, kolada_id, committee, period)
    # Its structure: the figures are read where they are needed (`_whole`, `_kept`).
    table = year.financial_tables.prefetch_related("rows", "columns").filter(key=key).first()
    if table is None:
        raise Http404("ingen sådan tabell")
    return year, found, table


def _versions(table: models.FinancialTable, period: ReportingPeriod) -> dict[tuple[str, str], int]:
    return {
        (row, column): version
        for row, column, version in models.TableCell.objects.filter(
            table=table, period=period
        ).values_list("row__key", "column__key", "version")
    }


def _conflict_message(current: Tracked) -> str:
    """Who saved what, while the person was working, in words."""
    saved = current.history.first() if current.pk else None
    who = ""
    if saved is not None:
        moment = timezone.localtime(saved.history_date)
        who = f"{saved.history_user or 'Någon'} sparade {format_date(moment.date())} kl. {moment:%H.%M}: "
    if isinstance(current, models.TableCell):
        what = f"{current.column.label}, {current.row.label}"
    elif isinstance(current, models.RowComment):
        what = f"kommentaren till {current.row.label}"
    else:
        what = "tabellen"
    return (
        f"Någon annan har ändrat tabellen medan du arbetade ({who}{what}). Dina siffror och "
        "kommentarer står kvar nedan och är inte sparade; se ändringen i historiken nedan och "
        "spara igen för att ersätta den."
    )


def _whole(table: models.FinancialTable) -> models.FinancialTable:
    """The table with everything it is computed from."""
    return models.FinancialTable.objects.prefetch_related(*TABLE_RELATIONS).get(pk=table.pk)


# Each table's computed figures and history for a period, kept while the data is unchanged.
_kept: Kept[tuple[int, int], tuple[ComputedTable, list[Change]]] = Kept(64)


def _computed_with_history(
    table: models.FinancialTable, period: ReportingPeriod
) -> tuple[ComputedTable, list[Change]]:
    def compute() -> tuple[ComputedTable, list[Change]]:
        computed = served_table(_whole(table), period)
        return computed, queries.table_history(table, period, computed)

    return _kept.get((table.pk, period.pk), compute)


@login_required
def table(
    request: HttpRequest, kolada_id: str, committee: str, period: str, key: str
) -> HttpResponse:
    """Show the table; a controller enters forecasts while the period is open."""
    year, reporting_period, found = _found(request, kolada_id, committee, period, key)
    state = state_of(year, reporting_period)
    editable = controls(request.user, year) and accepts_follow_ups(state)
    entries = None
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("du får inte ändra tabellen nu")
        found = _whole(found)
        entries = services.read_entries(found, request.POST)
        computed = services.preview(found, reporting_period, entries)
        if "preview" in request.POST:
            cells = {
                queries.cell_id(row, column): computed.text(row, column)
                for row, column in computed.cells
            }
            return JsonResponse({"cells": cells, "errors": entries.errors})
        if not entries.errors:
            try:
                changed = services.save_entries(request.user, found, reporting_period, entries)
            except StaleVersionError as error:
                messages.error(request, _conflict_message(error.current))
                status = 409
            else:
                messages.success(request, f"Sparade {changed} ändringar.")
                return redirect(request.path)
        else:
            status = 400
        history = queries.table_history(found, reporting_period, computed)
    else:
        computed, history = _computed_with_history(found, reporting_period)
    page = queries.table_page(
        found,
        computed,
        reporting_period,
        editable=editable,
        entries=entries,
        versions=_versions(found, reporting_period),
    )
    context = {
        "page": page,
        "editable": editable,
        "state": STATE_NAMES[state],
        "period": reporting_period,
        "committee": year.committee,
        "kolada_id": kolada_id,
        "history": history,
    }
    return render(request, "economy/table.html", context, status=status)
