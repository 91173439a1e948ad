"""Reads: what a command names (a municipality's year, or the only one), and the data's stamp."""

from __future__ import annotations

from functools import cache

from django.apps import apps
from django.db import connection

from uppsikt.apps.periods.models import Year
from uppsikt.apps.tracking import Tracked
from uppsikt.domain.periods import PeriodKey

Stamp = str


class NotFoundError(LookupError):
    """Nothing in the database matches what was asked for."""


def find_year(year: int | None = None, kolada_id: str | None = None) -> Year:
    """The year asked for; without arguments, the only one in the database."""
    rows = Year.objects.select_related("municipality")
    if year is not None:
        rows = rows.filter(year=year)
    if kolada_id is not None:
        rows = rows.filter(municipality__kolada_id=kolada_id)
    found = list(rows[:2])
    if not found:
        raise NotFoundError("databasen har inget sådant år; läs in ett dataset med uppsikt load")
    if len(found) > 1:
        raise NotFoundError("databasen har flera år eller kommuner; ange --year och --municipality")
    return found[0]


def find_period_year(committee: str, period: PeriodKey, kolada_id: str | None = None) -> Year:
    """The year of the municipality that has the committee and period."""
    years = Year.objects.filter(year=period.year, committee_years__committee__code=committee)
    if kolada_id is not None:
        years = years.filter(municipality__kolada_id=kolada_id)
    found = list(years.select_related("municipality")[:2])
    if not found:
        raise NotFoundError(f"ingen nämnd {committee} med år {period.year} i databasen")
    if len(found) > 1:
        raise NotFoundError(f"flera kommuner har nämnden {committee}; ange --municipality")
    if not found[0].periods.filter(kind=period.kind.value, month=period.month).exists():
        raise NotFoundError(f"året {period.year} har ingen period {period}")
    return found[0]


@cache
def _newest_history_sql() -> str:
    histories = sorted(
        (model.history.model._meta.db_table, model.history.model._meta.pk.column)
        for model in apps.get_models()
        if issubclass(model, Tracked)
    )
    quote = connection.ops.quote_name
    # The names come from the models' metadata, quoted: nothing from outside is in the SQL.
    newest = ", ".join(
        f"(SELECT MAX({quote(column)}) FROM {quote(table)})"  # noqa: S608
        for table, column in histories
    )
    return f"SELECT {newest}"


def data_stamp() -> Stamp | None:
    """A value that changes whenever committed data may have changed; None when there is none.

    On PostgreSQL the current snapshot (`pg_current_snapshot()`): two statements with the same
    snapshot see the same committed rows in every table. On SQLite the newest history id of
    every model that keeps history (`tracking.Tracked`): Django writes a history row with each
    save and delete, and SQLite commits one writer at a time, so ids grow in commit order. None
    inside a transaction, whose own writes are not committed yet, and on other databases.
    """
    if connection.in_atomic_block or connection.vendor not in {"postgresql", "sqlite"}:
        return None
    sql = (
        "SELECT pg_current_snapshot()::text"
        if connection.vendor == "postgresql"
        else _newest_history_sql()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return repr(cursor.fetchone())
