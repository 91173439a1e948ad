"""A ledger row as every ledger importer gives it (SIE, an ERP's CSV or XLSX export).

An importer reads its file into these rows; the economy app writes them (`apps.economy.imports`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from uppsikt.domain.economy.ledger import LedgerKind


@dataclass(frozen=True, slots=True)
class LedgerRow:
    """A month's amount on an account and the ledger's dimension objects ("" where none)."""

    kind: LedgerKind
    year: int
    month: int
    account: str
    objects: tuple[str, ...]  # one per `domain.economy.ledger.DIMENSIONS`
    amount: Decimal


LedgerMonth = tuple[LedgerKind, int, int]  # kind, year, month: what an import replaces
