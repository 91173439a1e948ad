"""The ledger's summaries: raw ledger rows aggregated once per table row, kind and month.

Report tables and live figures read only `LedgerSummary` (a few rows per table row), never the
raw ledger. `rebuild_summaries` runs after an import: the database sums the ledger by month,
account and the dimensions the rules look at; each distinct account and object combination is
mapped to its row once, by the same rules as `uppsikt.domain.economy.ledger`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum

from uppsikt.apps.economy import models
from uppsikt.apps.economy.mapping import table_to_domain
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.economy.ledger import (
    DIMENSIONS,
    LedgerKind,
    LedgerRule,
    RowMonth,
    dimensions_used,
    row_for,
)
from uppsikt.domain.economy.tables import FinancialTable, ledger_inputs

Inputs = dict[str, dict[tuple[str, str], Decimal]]


def _ruled_tables(
    committee_year: CommitteeYear,
) -> list[tuple[models.FinancialTable, FinancialTable]]:
    rows = committee_year.financial_tables.filter(ledger_rules__isnull=False).distinct()
    return [(row, table_to_domain(row)) for row in rows]


@transaction.atomic
def rebuild_summaries(committee_year: CommitteeYear) -> int:
    """Rebuild the committee-year's ledger summaries; the number of summary rows written."""
    models.LedgerSummary.objects.filter(committee_year=committee_year).delete()
    tables = _ruled_tables(committee_year)
    if not tables:
        return 0
    rules: list[LedgerRule] = [rule for _, table in tables for rule in table.ledger]
    dimensions = dimensions_used(rules)
    groups = (
        models.LedgerEntry.objects.filter(committee_year=committee_year)
        .values_list("kind", "year", "month", "account", *dimensions)
        .annotate(total=Sum("amount_ore"))
        .order_by()
    )
    row_ids = {
        (row.table_id, row.key): row.pk
        for row in models.TableRow.objects.filter(table__in=[row for row, _ in tables])
    }
    positions = [DIMENSIONS.index(name) for name in dimensions]
    sums: dict[tuple[int, RowMonth], int] = defaultdict(int)
    cache: dict[tuple[int, str, tuple[str, ...]], str | None] = {}
    for kind, year, month, account, *rest in groups.iterator(chunk_size=20_000):
        total = rest.pop()
        objects = [""] * len(DIMENSIONS)
        for position, code in zip(positions, rest, strict=True):
            objects[position] = code
        key_objects = tuple(objects)
        for table_row, table in tables:
            cache_key = (table_row.pk, account, key_objects)
            if cache_key not in cache:
                cache[cache_key] = row_for(table.ledger, account, key_objects)
            row = cache[cache_key]
            if row is not None:
                sums[
                    (row_ids[(table_row.pk, row)], RowMonth(row, LedgerKind(kind), year, month))
                ] += total
    models.LedgerSummary.objects.bulk_create(
        [
            models.LedgerSummary(
                committee_year=committee_year,
                row_id=row_id,
                kind=key.kind.value,
                year=key.year,
                month=key.month,
                amount_ore=amount,
            )
            for (row_id, key), amount in sums.items()
        ],
        batch_size=5_000,
    )
    return len(sums)


def inputs_from_ledger(committee_year: CommitteeYear, closing: date) -> Inputs:
    """What the ledger gives each ruled table for a period ending at `closing` (from summaries)."""
    summaries: dict[int, dict[RowMonth, Decimal]] = defaultdict(dict)
    for table_id, row, kind, year, month, amount in models.LedgerSummary.objects.filter(
        committee_year=committee_year
    ).values_list("row__table_id", "row__key", "kind", "year", "month", "amount_ore"):
        summaries[table_id][RowMonth(row, LedgerKind(kind), year, month)] = Decimal(amount) / 100
    year = committee_year.year.year
    return {
        table.key: ledger_inputs(table, summaries[row.pk], closing, year)
        for row, table in _ruled_tables(committee_year)
        if row.pk in summaries
    }
