"""Importing an ekonomisystem's ledger into a committee year: from SIE or a tabular export.

Every ledger importer reads its file into `LedgerRow`s by month × account × the ledger's
dimensions (see `uppsikt.importers`); `write_ledger` lets the months the file carries replace the
same months already in the ledger, outcome and budget apart, in one transaction with the
summaries rebuilt. In strict mode any fault refuses the file and nothing is written; a dry run
says what would change and writes nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Q

from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.economy import models
from uppsikt.apps.economy.ledger import rebuild_summaries
from uppsikt.apps.economy.progress import Progress
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.economy.ledger import DIMENSIONS, LedgerKind
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.ledger import LedgerMonth, LedgerRow
from uppsikt.importers.sie.contents import reconcile
from uppsikt.importers.sie.ledger import dimension_map, ledger_months, ledger_rows
from uppsikt.importers.sie.reading import read_sie
from uppsikt.importers.sie.records import Checksum

KIND_NAMES = {LedgerKind.OUTCOME: "utfall", LedgerKind.BUDGET: "budget"}


@dataclass
class LedgerImport:
    """What an import read, what it wrote (or would write), and what it found on the way."""

    file: str
    rows: list[LedgerRow] = field(default_factory=list)
    months: set[LedgerMonth] = field(default_factory=set)  # replaced, even where rows net to 0
    removed: int = 0  # ledger rows of the same months replaced
    written: int = 0
    problems: list[Problem] = field(default_factory=list)

    def totals(self) -> dict[tuple[LedgerKind, str], Decimal]:
        """The rows' sums per kind and account class (the account's first digit)."""
        sums: dict[tuple[LedgerKind, str], Decimal] = defaultdict(Decimal)
        for row in self.rows:
            sums[(row.kind, row.account[:1])] += row.amount
        return dict(sorted(sums.items()))


@dataclass
class SieImport(LedgerImport):
    """A ledger import from an SIE file, with its vouchers, transactions and checksum."""

    vouchers: int = 0
    transactions: int = 0
    checksum: bool | None = None  # whether `#KSUMMA` verified; None when the file has none


def import_sie(
    path: Path,
    committee_year: CommitteeYear,
    *,
    dimensions: Mapping[str, str] | None = None,
    strict: bool = False,
    dry_run: bool = False,
    progress: Callable[[Progress], object] | None = None,
    name: str = "",
) -> SieImport:
    """Import the file's outcome and budget for the committee's year into its ledger.

    `progress`, when given, is told how far the reading has come as it goes (every few
    megabytes, and once at the end). Raises ImportRefusedError (nothing written) in strict mode
    when anything is wrong, and ValueError when a dimension is configured to one the ledger
    does not have. Problems name the file `name` (the path when empty).
    """
    name = name or str(path)
    found = SieImport(name)
    checksum = Checksum()
    size = path.stat().st_size
    with path.open("rb") as file:

        def tick(lines: int) -> None:
            if progress is not None:
                progress(Progress(file.tell(), size, lines))

        contents = read_sie(file, name, found.problems, checksum, tick)
    reconcile(contents)
    found.checksum = checksum.verified
    mapping = dimension_map(contents, dimensions or {})
    found.rows = ledger_rows(contents, committee_year.year.year, mapping)
    found.months = ledger_months(contents, committee_year.year.year)
    found.problems += checksum.problems + contents.problems
    if checksum.verified is False and checksum.closed:
        found.problems.append(Problem(Location(name), "sie.checksum: #KSUMMA stämmer inte"))
    found.vouchers, found.transactions = contents.vouchers, contents.transactions
    write_ledger(committee_year, found, strict=strict, dry_run=dry_run)
    return found


def write_ledger(
    committee_year: CommitteeYear, found: LedgerImport, *, strict: bool, dry_run: bool
) -> None:
    """Let the months of `found.rows` replace the same months of the committee year's ledger.

    Raises ImportRefusedError in strict mode when the import found any problem (in tolerant
    mode an SIE file's unreadable lines are skipped with a warning). A dry run only counts the
    rows that would be replaced. Sets `found.removed` and `found.written`.
    """
    if strict and found.problems:
        raise ImportRefusedError(found.problems)
    months = {(kind.value, year, month) for kind, year, month in found.months} | {
        (row.kind.value, row.year, row.month) for row in found.rows
    }
    replaced = models.LedgerEntry.objects.filter(committee_year=committee_year).filter(
        _any_month(months)
    )
    if dry_run:
        found.removed = replaced.count() if months else 0
        return
    with transaction.atomic():
        found.removed = replaced.delete()[0] if months else 0
        models.LedgerEntry.objects.bulk_create(
            (_entry(committee_year, row) for row in found.rows), batch_size=5000
        )
        found.written = len(found.rows)
        rebuild_summaries(committee_year)
    if connection.vendor == "postgresql":  # fresh statistics for the planner after a bulk load
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {models.LedgerEntry._meta.db_table}")


def _any_month(months: set[tuple[str, int, int]]) -> Q:
    condition = Q(pk__in=[])
    for kind, year, month in months:
        condition |= Q(kind=kind, year=year, month=month)
    return condition


def _entry(committee_year: CommitteeYear, row: LedgerRow) -> models.LedgerEntry:
    ore = (row.amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return models.LedgerEntry(
        committee_year=committee_year,
        kind=row.kind.value,
        year=row.year,
        month=row.month,
        account=row.account,
        amount_ore=int(ore),
        **dict(zip(DIMENSIONS, row.objects, strict=True)),
    )
