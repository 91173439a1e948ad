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
from uppsikt.apps.economy.mapping import TABLE_RELATIONS, table_to_domain
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.domain.economy.ledger import (
    DIMENSIONS,
    LedgerKind,
    RowMonth,
    dimensions_used,
    row_for,
)
from uppsikt.domain.economy.tables import (
    ComputedTable,
    FinancialTable,
    compute_table,
    ledger_inputs,
)

Inputs = dict[str, dict[tuple[str, str], Decimal]]
INDEXED = ("verksamhet", "aktivitet", "projekt", "ansvar", "objekt", "motpart")


def _ruled_tables(
    committee_year: CommitteeYear,
) -> list[tuple[models.FinancialTable, FinancialTable]]:
    rows = (
        committee_year.financial_tables.filter(ledger_rules__isnull=False)
        .distinct()
        .prefetch_related(*TABLE_RELATIONS)
    )
    return [(row, table_to_domain(row)) for row in rows]


@transaction.atomic
def rebuild_summaries(committee_year: CommitteeYear) -> int:
    """Rebuild the committee-year's ledger summaries; the number of summary rows written.

    One pass over the ledger in the database sums it by kind, month, account and the dimensions
    the rules look at; each distinct account and object combination is then matched to its row
    in every ruled table once, and the sums are added up per row and month.
    """
    models.LedgerSummary.objects.filter(committee_year=committee_year).delete()
    tables = _ruled_tables(committee_year)
    if not tables:
        return 0
    used = dimensions_used([rule for _, table in tables for rule in table.ledger])
    # Group by the aggregate index's columns up to the last dimension a rule uses, so that the
    # database walks the index in order; the extra dimensions only split groups.
    dimensions = INDEXED[: max((INDEXED.index(name) + 1 for name in used), default=0)]
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
    matches: dict[tuple[str, ...], list[tuple[int, str]]] = {}
    sums: dict[tuple[int, str, str, int, int], int] = defaultdict(int)
    for kind, year, month, account, *rest in groups.iterator(chunk_size=50_000):
        total = rest.pop()
        combination = (account, *rest)
        found = matches.get(combination)
        if found is None:
            objects = [""] * len(DIMENSIONS)
            for position, code in zip(positions, rest, strict=True):
                objects[position] = code
            found = matches[combination] = [
                (row_ids[(table_row.pk, row)], row)
                for table_row, table in tables
                if (row := row_for(table.ledger, account, tuple(objects))) is not None
            ]
        for row_id, row in found:
            sums[(row_id, row, kind, year, month)] += total
    models.LedgerSummary.objects.bulk_create(
        [
            models.LedgerSummary(
                committee_year=committee_year,
                row_id=row_id,
                kind=kind,
                year=year,
                month=month,
                amount_ore=amount,
            )
            for (row_id, _, kind, year, month), amount in sums.items()
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


def served_table(
    row: models.FinancialTable,
    period: ReportingPeriod,
    table: FinancialTable | None = None,
) -> ComputedTable:
    """One table of a period computed from its written figures and its ledger summaries only.

    `row` is the saved table, read with its `TABLE_RELATIONS`; `table` stands in for its
    figures (e.g. with a person's unsaved entries).
    """
    table = table or table_to_domain(row)
    closing = period.closing_date
    summary = {
        RowMonth(row_key, LedgerKind(kind), year, month): Decimal(amount) / 100
        for row_key, kind, year, month, amount in models.LedgerSummary.objects.filter(
            row__table=row
        ).values_list("row__key", "kind", "year", "month", "amount_ore")
    }
    inputs = ledger_inputs(table, summary, closing, period.key.year) if table.ledger else {}
    return compute_table(table, period.key, inputs)
