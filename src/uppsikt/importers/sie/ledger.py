"""An SIE file's figures as ledger rows: month × account × the ledger's dimensions.

Outcome is the file's `#TRANS` summed; budget its `#PBUDGET` months. Municipal dimensions
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
    sources = ((LedgerKind.OUTCOME, contents.outcome), (LedgerKind.BUDGET, contents.budget))
    for kind, figures in sources:
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
    sources = ((LedgerKind.OUTCOME, contents.outcome), (LedgerKind.BUDGET, contents.budget))
    return {
        (kind, month[0], month[1])
        for kind, figures in sources
        for month, _, _ in figures
        if month[0] == year
    }
