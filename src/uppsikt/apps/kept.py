"""Results kept while the data they were computed from is unchanged.

A page that builds on a committee's whole year (the overview, the report, the figures) need not
read and compute it again for every request: what was computed is kept with the data's stamp
and given back while the stamp is the same. Any committed save or delete changes the stamp, so
an edit shows on the next page at once. Each process keeps its own; nothing is kept inside a
transaction, whose own writes are not committed yet.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from typing import Generic, TypeVar

from django.apps import apps
from django.db import connection

from uppsikt.apps.tracking import Tracked

Stamp = str
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


# The ledger's summaries keep no history (imported in bulk), but pages compute from them: every
# import rebuilds them, so their newest id tells that the ledger changed.
UNTRACKED = ("economy.LedgerSummary",)


@cache
def _newest_history_sql() -> str:
    tables = sorted(
        (model.history.model._meta.db_table, model.history.model._meta.pk.column)
        for model in apps.get_models()
        if issubclass(model, Tracked)
    )
    tables += [
        (meta.db_table, meta.pk.column)
        for meta in (apps.get_model(label)._meta for label in UNTRACKED)
    ]
    quote = connection.ops.quote_name
    # The names come from the models' metadata, quoted: nothing from outside is in the SQL.
    newest = ", ".join(
        f"(SELECT MAX({quote(column)}) FROM {quote(table)})"  # noqa: S608
        for table, column in tables
    )
    return f"SELECT {newest}"


def data_stamp() -> Stamp | None:
    """A value that changes whenever committed data may have changed; None when there is none.

    On PostgreSQL the current snapshot (`pg_current_snapshot()`): two statements with the same
    snapshot see the same committed rows in every table. On SQLite the newest history id of
    every model that keeps history (`tracking.Tracked`) and of the ledger's summaries: Django
    writes a history row with each save and delete, an import rebuilds the summaries, and SQLite
    commits one writer at a time, so ids grow in commit order. None
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


class Kept(Generic[K, V]):
    """The last `size` results by key, each with the stamp of the data it was computed from."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[K, tuple[Stamp, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, compute: Callable[[], V]) -> V:
        """The kept result while the data is unchanged, else `compute()`'s (then kept)."""
        stamp = data_stamp()  # before computing: a change committed meanwhile makes the next anew
        if stamp is not None:
            with self._lock:
                found = self._kept.get(key)
                if found is not None and found[0] == stamp:
                    self._kept.move_to_end(key)
                    return found[1]
        result = compute()
        if stamp is not None:
            with self._lock:
                self._kept[key] = (stamp, result)
                self._kept.move_to_end(key)
                while len(self._kept) > self.size:
                    self._kept.popitem(last=False)
        return result
