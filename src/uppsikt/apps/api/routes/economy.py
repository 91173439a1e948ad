"""Financial tables computed for a period, and writing their forecasts and row comments.

Forecasts are read and written as the table shows them: in its unit (e.g. tkr) and with costs
signed as the table signs them, as on the table's web page; Uppsikt keeps them in kronor.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from uppsikt.apps.api.errors import ApiError, Conflict, Error, based_on, etag, not_found, sentence
from uppsikt.apps.api.places import Here, here, readable
from uppsikt.apps.api.routes.goals import plain
from uppsikt.apps.api.schemas import (
    CellOut,
    ColumnOut,
    ForecastIn,
    ForecastOut,
    RowCommentIn,
    RowCommentOut,
    RowOut,
    TableOut,
    TableSummary,
)
from uppsikt.apps.economy import models, services
from uppsikt.apps.economy.ledger import served_table
from uppsikt.apps.economy.mapping import TABLE_RELATIONS, table_to_domain
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.domain.economy.tables import ComputedTable
from uppsikt.domain.formatting import storage_fault

router = Router(tags=["Ekonomi"])
PERIOD = "/committees/{kolada_id}/{committee}/periods/{period}"
TABLE = f"{PERIOD}/economy/{{table}}"
WRITE = {400: Error, 403: Error, 404: Error, 409: Conflict, 422: Error, 428: Error}


def _table(place: Here, key: str) -> models.FinancialTable:
    """The committee year's table, with everything it is computed from."""
    if not readable(key):
        raise not_found()
    found = (
        models.FinancialTable.objects.filter(committee_year=place.year, key=key)
        .prefetch_related(*TABLE_RELATIONS)
        .first()
    )
    if found is None:
        raise not_found("ingen sådan tabell")
    return found


def _computed(place: Here, table: models.FinancialTable) -> ComputedTable:
    return served_table(table, place.period)


def _versions(table: models.FinancialTable, place: Here) -> dict[tuple[str, str], int]:
    rows = models.TableCell.objects.filter(table=table, period=place.period)
    return {
        (row, column): version
        for row, column, version in rows.values_list("row__key", "column__key", "version")
    }


def _forecast(
    place: Here, table: models.FinancialTable, computed: ComputedTable, row: str, column: str
) -> ForecastOut:
    version = _versions(table, place).get((row, column), 0)
    value = computed.shown(row, column)
    return ForecastOut(table=table.key, row=row, column=column, value=plain(value), version=version)


def _comments(place: Here, table: models.FinancialTable) -> list[RowCommentOut]:
    saved = {
        comment.row.key: comment
        for comment in models.RowComment.objects.filter(
            table=table, period=place.period
        ).select_related("row")
    }
    labels = {row.key: row.label for row in table.rows.all()}
    return [
        RowCommentOut(
            table=table.key,
            row=key,
            label=labels[key],
            text=saved[key].text if key in saved else "",
            version=saved[key].version if key in saved else 0,
        )
        for key in services.comment_rows(table)
    ]


@router.get(
    f"{PERIOD}/economy",
    response={200: list[TableSummary], 404: Error},
    summary="Ekonomitabellerna",
)
def tables(
    request: HttpRequest, *, kolada_id: str, committee: str, period: str
) -> list[TableSummary]:
    """The committee year's financial tables."""
    place = here(request, kolada_id, committee, period)
    return [
        TableSummary(key=row.key, title=row.title, unit=row.unit, url=place.url("economy", row.key))
        for row in place.year.financial_tables.all()
    ]


@router.get(TABLE, response={200: TableOut, 404: Error}, summary="En ekonomitabell")
def table(
    request: HttpRequest, kolada_id: str, committee: str, period: str, table: str
) -> TableOut:
    """The table computed for the period, with its entered forecasts and row comments."""
    place = here(request, kolada_id, committee, period)
    found = _table(place, table)
    computed = _computed(place, found)
    spec = computed.table
    entered = services.entry_places(found)
    entered_columns = {column for _, column in entered}
    return TableOut(
        key=found.key,
        title=spec.title,
        unit=spec.unit.value,
        columns=[
            ColumnOut(
                key=column.key,
                label=column.label,
                kind=column.kind.value,
                entered=column.key in entered_columns,
            )
            for column in spec.columns
        ],
        rows=[
            RowOut(
                key=placed.row.key,
                label=placed.row.label,
                kind=placed.row.kind.value,
                depth=placed.depth,
                cells=[
                    CellOut(
                        column=column.key,
                        value=plain(_number(computed, placed.row.key, column.key)),
                        text=computed.text(placed.row.key, column.key),
                    )
                    for column in spec.columns
                ],
            )
            for placed in spec.placed()
        ],
        forecasts=[_forecast(place, found, computed, row, column) for row, column in entered],
        comments=_comments(place, found),
    )


def _number(computed: ComputedTable, row: str, column: str) -> Decimal | None:
    """The shown number of a cell, or None for a text, a yes/no or nothing."""
    value = computed.cell(row, column).value
    if isinstance(value, bool | str):
        return None
    return computed.shown(row, column)


def _entered_place(table: models.FinancialTable, row: str, column: str) -> None:
    if not readable(row, column):
        raise not_found()
    if (row, column) in services.entry_places(table):
        return
    rows = {item.key for item in table.rows.all()}
    columns = {item.key for item in table.columns.all()}
    if row not in rows or column not in columns:
        raise not_found("ingen sådan rad eller kolumn i tabellen")
    raise ApiError(400, "Cellen räknas fram eller hämtas; bara prognoser skrivs in", "column")


@router.get(
    f"{TABLE}/forecasts/{{row}}/{{column}}",
    response={200: ForecastOut, 400: Error, 404: Error},
    summary="En prognos",
)
def forecast(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    table: str,
    row: str,
    column: str,
) -> ForecastOut:
    """A data row's entered forecast for the period, with its version as ETag."""
    place = here(request, kolada_id, committee, period)
    found = _table(place, table)
    _entered_place(found, row, column)
    result = _forecast(place, found, _computed(place, found), row, column)
    response["ETag"] = etag(result.version)
    return result


@router.put(
    f"{TABLE}/forecasts/{{row}}/{{column}}",
    response={200: ForecastOut, **WRITE},
    summary="Skriv en prognos",
)
def set_forecast(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    table: str,
    row: str,
    column: str,
    body: ForecastIn,
) -> ForecastOut:
    """Write a data row's forecast as the table shows it (its unit and sign; null clears it)."""
    place = here(request, kolada_id, committee, period)
    found = _table(place, table)
    _entered_place(found, row, column)
    version = based_on(request, body.version)
    if body.value is not None:
        fault = storage_fault(body.value) or storage_fault(
            table_to_domain(found).kronor_of(body.value)
        )
        if fault:
            raise ApiError(400, sentence(fault), "value")
    entries = services.Entries(shown={(row, column): body.value}, versions={(row, column): version})
    try:
        services.save_entries(place.user, found, place.period, entries)
    except StaleVersionError as error:
        current = _forecast(place, found, _computed(place, _table(place, table)), row, column)
        message = "Någon annan har ändrat prognosen sedan den version du utgick från"
        raise ApiError(409, message, "version", current=current) from error
    fresh = _table(place, table)
    result = _forecast(place, fresh, _computed(place, fresh), row, column)
    response["ETag"] = etag(result.version)
    return result


def _comment_row(table: models.FinancialTable, row: str) -> None:
    if not readable(row):
        raise not_found()
    if row in services.comment_rows(table):
        return
    if not table.rows.filter(key=row).exists():
        raise not_found("ingen sådan rad i tabellen")
    raise ApiError(400, "Raden har inga siffror att kommentera", "row")


def _comment(place: Here, table: models.FinancialTable, row: str) -> RowCommentOut:
    return next(item for item in _comments(place, table) if item.row == row)


@router.get(
    f"{TABLE}/comments/{{row}}",
    response={200: RowCommentOut, 400: Error, 404: Error},
    summary="En radkommentar",
)
def row_comment(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    table: str,
    row: str,
) -> RowCommentOut:
    """A row's comment for the period, with its version as ETag."""
    place = here(request, kolada_id, committee, period)
    found = _table(place, table)
    _comment_row(found, row)
    result = _comment(place, found, row)
    response["ETag"] = etag(result.version)
    return result


@router.put(
    f"{TABLE}/comments/{{row}}",
    response={200: RowCommentOut, **WRITE},
    summary="Skriv en radkommentar",
)
def set_row_comment(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    table: str,
    row: str,
    body: RowCommentIn,
) -> RowCommentOut:
    """Write a row's comment for the period (empty text removes it)."""
    place = here(request, kolada_id, committee, period)
    found = _table(place, table)
    _comment_row(found, row)
    version = based_on(request, body.version)
    text = body.text.replace("\r\n", "\n").strip()
    entries = services.Entries(comments={row: text}, comment_versions={row: version})
    try:
        services.save_entries(place.user, found, place.period, entries)
    except StaleVersionError as error:
        message = "Någon annan har ändrat kommentaren sedan den version du utgick från"
        current = _comment(place, found, row)
        raise ApiError(409, message, "version", current=current) from error
    result = _comment(place, found, row)
    response["ETag"] = etag(result.version)
    return result
