"""An SIE file's figures as ledger rows: month × account × the ledger's dimensions.

Outcome is the file's `#TRANS` summed, or, for a year without transactions (type 1–3 files),
its `#PSALDO` months; budget its `#PBUDGET` months. Period figures come as a total `{}` and
rows per object, often for several dimensions each on its own: each account's month is taken
in one breakdown (`one_breakdown`), never summed over all rows. Municipal dimensions
(ansvar, verksamhet, aktivitet, projekt, objekt, motpart) arrive as SIE dimensions, standard
(1 kostnadsställe, 6 projekt) or free (20 and up): each is mapped to the ledger's by its `#DIM`
name, or by the municipality's configuration where the names differ. A dimension mapped to
none is left out (its rows summed), with a warning.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from uppsikt.domain.economy.ledger import DIMENSIONS, LedgerKind
from uppsikt.importers.ledger import LedgerMonth, LedgerRow
from uppsikt.importers.sie.contents import Month, Objects, SieContents

# `#DIM` names as ekonomisystem write them, and the ledger dimension each means.
DIMENSION_NAMES = {
    "ansvar": "ansvar",
    "kostnadsställe": "ansvar",
    "resultatenhet": "ansvar",
    "verksamhet": "verksamhet",
    "aktivitet": "aktivitet",
    "projekt": "projekt",
    "objekt": "objekt",
    "motpart": "motpart",
}


def dimension_map(contents: SieContents, configured: Mapping[str, str]) -> dict[str, str]:
    """Each SIE dimension's ledger dimension: configured by number or name, else by its name.

    `configured` maps an SIE dimension's number or `#DIM` name to a ledger dimension (one of
    `DIMENSIONS`), e.g. `{"20": "verksamhet", "Motpart kommun": "motpart"}`.
    """
    unknown = sorted(set(configured.values()) - set(DIMENSIONS))
    if unknown:
        raise ValueError(
            f"okända dimensioner {', '.join(unknown)}; välj bland {', '.join(DIMENSIONS)}"
        )
    found = {}
    for number, name in contents.dimensions.items():
        target = configured.get(number) or configured.get(name)
        target = target or DIMENSION_NAMES.get(name.strip().lower())
        if target:
            found[number] = target
    return found


def ledger_rows(contents: SieContents, year: int, dimensions: Mapping[str, str]) -> list[LedgerRow]:
    """The file's outcome and budget for `year` as ledger rows, summed where they coincide.

    Months of other years are left out and said once; so is each dimension that maps to none.
    """
    position = {name: index for index, name in enumerate(DIMENSIONS)}
    unmapped: set[str] = set()
    elsewhere = 0
    sums: dict[tuple[LedgerKind, Month, str, tuple[str, ...]], Decimal] = defaultdict(Decimal)
    for kind, figures in _sources(contents, year, dimensions):
        for (month, account, objects), amount in figures.items():
            if month[0] != year:
                elsewhere += 1
                continue
            sums[(kind, month, account, _place(objects, dimensions, position, unmapped))] += amount
    for number in sorted(unmapped):
        name = contents.dimensions.get(number, "")
        contents.fault(
            None,
            "sie.unmapped-dimension",
            f"dimension {number} {name!r} hör inte till huvudbokens dimensioner och lämnas utanför",
        )
    if elsewhere:
        contents.fault(None, "sie.outside-year", f"{elsewhere} belopp gäller andra år än {year}")
    return [
        LedgerRow(kind, month[0], month[1], account, objects, amount)
        for (kind, month, account, objects), amount in sorted(sums.items())
        if amount
    ]


def _place(
    objects: Objects, dimensions: Mapping[str, str], position: Mapping[str, int], unmapped: set[str]
) -> tuple[str, ...]:
    codes = [""] * len(DIMENSIONS)
    for number, code in objects:
        target = dimensions.get(number)
        if target is None:
            unmapped.add(number)
        else:
            codes[position[target]] = code
    return tuple(codes)


def ledger_months(contents: SieContents, year: int) -> set[LedgerMonth]:
    """The months of `year` the file carries outcome or budget for, zero sums included.

    An import replaces these months: one whose transactions net to nothing still replaces
    what the ledger held for it.
    """
    return {
        (kind, month[0], month[1])
        for kind, figures in _sources(contents, year, {})
        for month, _, _ in figures
        if month[0] == year
    }


Figures = Mapping[tuple[Month, str, Objects], Decimal]


def _sources(
    contents: SieContents, year: int, dimensions: Mapping[str, str]
) -> list[tuple[LedgerKind, Figures]]:
    """Where the year's outcome and budget come from: `#TRANS` (or `#PSALDO`), `#PBUDGET`."""
    remainders = _totals_are_remainders(contents, dimensions)
    outcome: Figures = contents.outcome
    if not any(month[0] == year for month, _, _ in contents.outcome):
        outcome = one_breakdown(contents.balances, dimensions, remainders=remainders)
    budget = one_breakdown(contents.budget, dimensions, remainders=remainders)
    return [(LedgerKind.OUTCOME, outcome), (LedgerKind.BUDGET, budget)]


def one_breakdown(
    figures: Figures, dimensions: Mapping[str, str], *, remainders: bool = False
) -> dict[tuple[Month, str, Objects], Decimal]:
    """Period figures (`#PSALDO`, `#PBUDGET`) with each account's month in one breakdown.

    A type 3 file gives an account's month as a total `{}` and as rows per object, often once
    per dimension (by ansvar, and again by projekt). Summing every row would count the month
    several times over. Of the rows per object, the breakdown naming the most ledger dimensions
    is kept (the lowest dimension numbers first where two name as many); the total becomes what
    was posted without an object, total − the breakdown's sum, kept where it is not zero. Where
    one exporter's `{}` row already holds only what was posted without an object
    (`remainders`), it is kept as it is.
    """
    by_place: dict[tuple[Month, str], dict[tuple[str, ...], dict[Objects, Decimal]]] = {}
    for (month, account, objects), amount in figures.items():
        groups = by_place.setdefault((month, account), {})
        groups.setdefault(tuple(number for number, _ in objects), {})[objects] = amount
    kept: dict[tuple[Month, str, Objects], Decimal] = {}
    for (month, account), groups in by_place.items():
        total = groups.pop((), {}).get(())
        chosen: dict[Objects, Decimal] = {}
        if groups:
            numbers = min(groups, key=lambda key: (-_mapped(key, dimensions), _order(key)))
            chosen = groups[numbers]
        if total is None:  # rows per object only: they are the whole month
            rest = Decimal(0)
        else:
            rest = total if remainders else total - sum(chosen.values(), Decimal(0))
        for objects, amount in chosen.items():
            kept[(month, account, objects)] = amount
        if rest or not chosen:
            kept[(month, account, ())] = rest
    return kept


def _mapped(numbers: tuple[str, ...], dimensions: Mapping[str, str]) -> int:
    return sum(number in dimensions for number in numbers)


def _order(numbers: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(int(number) if number.isdigit() else 10**9 for number in numbers)


def _totals_are_remainders(contents: SieContents, dimensions: Mapping[str, str]) -> bool:
    """Whether the file's `{}` period rows hold only what was posted without an object.

    Told by `#RES`: where an account's year of `#PSALDO` gives its `#RES` from the totals alone,
    they are totals (as the specification has them); where only totals and objects together do,
    they are remainders. The accounts vote; a tie, or a file without `#RES`, keeps totals.
    """
    by_account: dict[str, dict[tuple[Month, str, Objects], Decimal]] = defaultdict(dict)
    for key, amount in contents.balances.items():
        by_account[key[1]][key] = amount
    votes = 0
    for (index, account), result in contents.results.items():
        year = contents.years.get(index)
        rows = by_account.get(account, {})
        if year is None or not any(objects for _, _, objects in rows):
            continue
        span = ((year.start.year, year.start.month), (year.end.year, year.end.month))
        within = {key: amount for key, amount in rows.items() if span[0] <= key[0] <= span[1]}
        totals = sum((amount for key, amount in within.items() if not key[2]), Decimal(0))
        breakdown = one_breakdown(within, dimensions)  # as totals: the rest is total − objects
        objects = sum((amount for key, amount in breakdown.items() if key[2]), Decimal(0))
        if totals == result:
            votes -= 1
        elif totals + objects == result:
            votes += 1
    return votes > 0
