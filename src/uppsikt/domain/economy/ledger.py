"""The ledger: amounts per month, account and dimension objects, mapped to table rows by rules.

Rules are read in order and the first that matches an entry decides its row; an entry that no
rule matches is in no row of that table. Accounts match by prefix (`"46"`) or by range
(`"5000-5999"`, compared on as many leading digits as the range has); dimension codes match
exactly, or by prefix when they end in `*`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from uppsikt.domain.problems import DomainError

DIMENSIONS = ("ansvar", "verksamhet", "aktivitet", "projekt", "objekt", "motpart")
Dimension = str
Objects = tuple[str, ...]  # one code per dimension, in DIMENSIONS order ("" when none)


class LedgerKind(StrEnum):
    """Booked outcome or budget."""

    OUTCOME = "outcome"
    BUDGET = "budget"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """An amount (kronor, income positive) for a month, account and dimension objects."""

    kind: LedgerKind
    year: int
    month: int
    account: str
    objects: Objects
    amount: Decimal


_RANGE = re.compile(r"^(\d+)(?:\s*-\s*(\d+))?$")


@dataclass(frozen=True, slots=True)
class AccountRange:
    """Accounts from `first` to `last`, compared on their leading digits."""

    first: str
    last: str

    @classmethod
    def parse(cls, text: str) -> AccountRange:
        """Read a prefix (`"46"`) or a range (`"5000-5999"`)."""
        match = _RANGE.match(text.strip())
        if (
            match is None
            or (match[2] and len(match[1]) != len(match[2]))
            or (match[2] and match[1] > match[2])
        ):
            raise DomainError(f"'{text}' är inget kontointervall; skriv t.ex. 46 eller 5000-5999")
        return cls(match[1], match[2] or match[1])

    def matches(self, account: str) -> bool:
        """Whether the account lies in the range."""
        head = account[: len(self.first)]
        return len(head) == len(self.first) and self.first <= head <= self.last

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}-{self.last}"


@dataclass(frozen=True, slots=True)
class DimensionFilter:
    """Codes of one dimension that a rule accepts."""

    dimension: Dimension
    codes: tuple[str, ...]

    def matches(self, code: str) -> bool:
        """Whether the entry's code for this dimension is accepted."""
        return any(
            code.startswith(item[:-1]) if item.endswith("*") else code == item
            for item in self.codes
        )


@dataclass(frozen=True, slots=True)
class LedgerRule:
    """Ledger amounts that fill one data row of a table."""

    row: str
    accounts: tuple[AccountRange, ...] = ()
    filters: tuple[DimensionFilter, ...] = ()

    def matches(self, account: str, objects: Objects) -> bool:
        """Whether an entry with this account and these objects belongs to the row."""
        if self.accounts and not any(item.matches(account) for item in self.accounts):
            return False
        return all(item.matches(objects[DIMENSIONS.index(item.dimension)]) for item in self.filters)

    @property
    def dimensions(self) -> set[Dimension]:
        """The dimensions the rule looks at."""
        return {item.dimension for item in self.filters}


def row_for(rules: Iterable[LedgerRule], account: str, objects: Objects) -> str | None:
    """The row of the first rule that matches, or None."""
    return next((rule.row for rule in rules if rule.matches(account, objects)), None)


def dimensions_used(rules: Iterable[LedgerRule]) -> list[Dimension]:
    """The dimensions any rule looks at, in DIMENSIONS order."""
    used = set().union(*(rule.dimensions for rule in rules))
    return [dimension for dimension in DIMENSIONS if dimension in used]


@dataclass(frozen=True, slots=True)
class RowMonth:
    """A summary key: one row's amount of one kind in one month."""

    row: str
    kind: LedgerKind
    year: int
    month: int


Summary = Mapping[RowMonth, Decimal]


def summarise(
    rules: Iterable[LedgerRule], entries: Iterable[LedgerEntry]
) -> dict[RowMonth, Decimal]:
    """Sum ledger entries per row, kind and month (the reference the database summary matches)."""
    rules = list(rules)
    sums: dict[RowMonth, Decimal] = defaultdict(Decimal)
    for entry in entries:
        row = row_for(rules, entry.account, entry.objects)
        if row is not None:
            sums[RowMonth(row, entry.kind, entry.year, entry.month)] += entry.amount
    return dict(sums)


def months(span_is_period: bool, closing: date) -> range:
    """The months an amount column covers: up to the closing month, or the whole year."""
    return range(1, (closing.month if span_is_period else 12) + 1)


def span_amount(
    summary: Summary, row: str, kind: LedgerKind, year: int, month_range: range
) -> Decimal | None:
    """The sum over months for one row and kind; None when the ledger has nothing for it."""
    found = [
        summary[key]
        for month in month_range
        if (key := RowMonth(row, kind, year, month)) in summary
    ]
    return sum(found, Decimal(0)) if found else None
