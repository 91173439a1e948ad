"""An ERP's tabular ledger export (Raindance, Unit4/Agresso, Visma …) as ledger rows.

Each row gives an account, an amount (or a debit and a credit: the amount is debit − credit),
a month (its period, its year and month, or its date) and the ledger's dimension objects where
the export has them; optionally its kind (utfall or budget). The amounts keep the file's sign
(debit positive, as in SIE). Rows are summed by kind × month × account × objects for the year
imported; rows of other years are left out and said once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from uppsikt.domain.economy.ledger import DIMENSIONS, LedgerKind
from uppsikt.domain.problems import Problem
from uppsikt.importers.ledger import LedgerMonth, LedgerRow
from uppsikt.importers.tabular.columns import (
    TIME,
    TIME_FIELDS,
    Cells,
    check_columns,
    data_rows,
    find_header,
)
from uppsikt.importers.tabular.reading import ReadOptions, open_table
from uppsikt.importers.tabular.table import MAX_OBJECT, Source, Value
from uppsikt.importers.tabular.values import parse_amount, parse_code, text_of

# Each field and the headers that name it by default (compared as `columns.normalise` does).
LEDGER_FIELDS: dict[str, tuple[str, ...]] = {
    **TIME_FIELDS,
    "account": ("konto", "kontonr", "kontonummer", "konto nr", "account"),
    "amount": ("belopp", "belopp sek", "belopp kr", "summa", "netto", "amount"),
    "debit": ("debet", "debit"),
    "credit": ("kredit", "credit"),
    "ansvar": ("ansvar", "ansvarsnummer", "ansvarskod", "kostnadsställe", "resultatenhet"),
    "verksamhet": ("verksamhet", "verksamhetskod", "vht"),
    "aktivitet": ("aktivitet", "aktivitetskod"),
    "projekt": ("projekt", "projektnummer", "projektkod"),
    "objekt": ("objekt", "objektkod"),
    "motpart": ("motpart", "motpartskod"),
    "kind": ("beloppstyp", "utfall/budget", "kind"),
}
LEDGER_NEEDS = (("account",), ("amount", "debit", "credit"), TIME)

# A kind column's words, and the kind each means.
KIND_WORDS = {
    "utfall": LedgerKind.OUTCOME,
    "u": LedgerKind.OUTCOME,
    "outcome": LedgerKind.OUTCOME,
    "budget": LedgerKind.BUDGET,
    "b": LedgerKind.BUDGET,
}

_ACCOUNT = re.compile(r"^\d{1,10}$")
_NO_OBJECTS = ("",) * len(DIMENSIONS)

Key = tuple[LedgerKind, int, int, str, tuple[str, ...]]


@dataclass
class LedgerTable:
    """A tabular export's ledger rows for a year, the data rows read and the problems found."""

    source: Source
    rows: list[LedgerRow] = field(default_factory=list)
    months: set[LedgerMonth] = field(default_factory=set)  # of the year, zero sums included
    lines: int = 0
    problems: list[Problem] = field(default_factory=list)


def read_ledger(
    path: Path,
    year: int,
    *,
    options: ReadOptions | None = None,
    columns: Mapping[str, str] | None = None,
    kind: LedgerKind = LedgerKind.OUTCOME,
    name: str = "",
) -> LedgerTable:
    """The export's outcome (or budget, by `kind` or its kind column) for `year` as ledger rows.

    `columns` maps a field (`LEDGER_FIELDS`) to the header of its column. Raises ValueError for
    a field that is none of them, and TabularError when the table cannot be read at all.
    """
    options = options or ReadOptions()
    columns = columns or {}
    check_columns(columns, LEDGER_FIELDS)
    source, rows = open_table(path, options, name)
    found = LedgerTable(source)
    header = find_header(rows, source, LEDGER_FIELDS, columns, LEDGER_NEEDS)
    sums: dict[Key, Decimal] = defaultdict(Decimal)
    elsewhere = 0
    for row in data_rows(rows, source, header, found.problems):
        found.lines += 1
        cells = Cells(source, header, row, found.problems)
        key = _key(cells, year, kind)
        amount = _amount(cells, options.decimal)
        if cells.failed or key is None or amount is None:
            continue
        if key[1] != year:
            elsewhere += 1
            continue
        sums[key] += amount
    if elsewhere:
        found.problems.append(
            source.fault("tabular.outside-year", f"{elsewhere} rader gäller andra år än {year}")
        )
    found.months = {(kind, year, month) for kind, year, month, _, _ in sums}
    found.rows = [
        LedgerRow(kind, year, month, account, objects, amount)
        for (kind, year, month, account, objects), amount in sorted(sums.items())
        if amount
    ]
    return found


def _key(cells: Cells, year: int, default: LedgerKind) -> Key | None:
    month = cells.month(year)
    account = cells.required("account", parse_code, "tabular.bad-account", "konto")
    if account is not None and not _ACCOUNT.match(account):
        cells.fault("tabular.bad-account", f"{account!r} är inget konto (1–10 siffror)", "account")
    objects = _NO_OBJECTS
    if any(cells.has(name) for name in DIMENSIONS):
        objects = tuple(
            cells.optional(name, parse_code, "tabular.bad-object") or "" for name in DIMENSIONS
        )
        for name, code in zip(DIMENSIONS, objects, strict=True):
            if len(code) > MAX_OBJECT:
                cells.fault(
                    "tabular.bad-object", f"{code!r} är längre än {MAX_OBJECT} tecken", name
                )
    kind = cells.optional("kind", _parse_kind, "tabular.bad-kind") or default
    if month is None or account is None:
        return None
    return kind, month[0], month[1], account, objects


def _amount(cells: Cells, decimal: str) -> Decimal | None:
    def parse(value: Value) -> Decimal:
        return parse_amount(value, decimal)

    if cells.has("amount"):
        return cells.required("amount", parse, "tabular.bad-amount", "belopp")
    debit = cells.optional("debit", parse, "tabular.bad-amount")
    credit = cells.optional("credit", parse, "tabular.bad-amount")
    if debit is None and credit is None:
        if not cells.failed:
            cells.fault("tabular.missing-value", "både debet och kredit saknas", "debit")
        return None
    return (debit or Decimal(0)) - (credit or Decimal(0))


def _parse_kind(value: Value) -> LedgerKind:
    text = text_of(value)
    kind = KIND_WORDS.get(text.casefold())
    if kind is None:
        raise ValueError(f"{text!r} är varken utfall eller budget")
    return kind
