"""An SIE file's outcome and budget as ledger rows, its dimensions mapped by name."""

from __future__ import annotations

from decimal import Decimal

import pytest

from uppsikt.domain.economy.ledger import LedgerKind
from uppsikt.domain.problems import Problem
from uppsikt.importers.ledger import LedgerRow
from uppsikt.importers.sie.contents import SieContents, read_contents
from uppsikt.importers.sie.ledger import dimension_map, ledger_rows
from uppsikt.importers.sie.records import read_records

FILE = """#FLAGGA 0
#SIETYP 4
#RAR 0 20230101 20231231
#DIM 1 "Kostnadsställe"
#DIM 6 "Projekt"
#DIM 20 "Verksamhet"
#DIM 21 "Kundgrupp"
#KONTO 5010 "Lokalhyra"
#KONTO 1930 "Bank"
#PBUDGET 0 202301 5010 {1 "1100"} 900.00
#VER A 1 20230105 ""
{
   #TRANS 5010 {1 "1100" 20 "210" 21 "K1"} 600.00
   #TRANS 5010 {1 "1100" 20 "210" 21 "K2"} 400.00
   #TRANS 1930 {} -1000.00
}
#VER A 2 20221231 ""
{
   #TRANS 5010 {} 5.00
   #TRANS 1930 {} -5.00
}
"""


def contents() -> SieContents:
    problems: list[Problem] = []
    found = read_contents(read_records(FILE.encode().splitlines(), "bok.se", problems), "bok.se")
    assert problems == []
    return found


def test_dimensions_map_by_their_names_and_by_configuration() -> None:
    assert dimension_map(contents(), {}) == {"1": "ansvar", "6": "projekt", "20": "verksamhet"}
    assert dimension_map(contents(), {"Kundgrupp": "motpart", "6": "objekt"}) == {
        "1": "ansvar",
        "6": "objekt",
        "20": "verksamhet",
        "21": "motpart",
    }
    with pytest.raises(ValueError, match="okända dimensioner kund; välj bland ansvar"):
        dimension_map(contents(), {"21": "kund"})


def test_outcome_and_budget_become_ledger_rows_of_the_year() -> None:
    found = contents()
    rows = ledger_rows(found, 2023, dimension_map(found, {}))
    assert rows == [
        LedgerRow(LedgerKind.BUDGET, 2023, 1, "5010", ("1100", "", "", "", "", ""), Decimal(900)),
        LedgerRow(LedgerKind.OUTCOME, 2023, 1, "1930", ("",) * 6, Decimal(-1000)),
        # K1 and K2 of the unmapped customer group are summed into one row.
        LedgerRow(
            LedgerKind.OUTCOME, 2023, 1, "5010", ("1100", "210", "", "", "", ""), Decimal(1000)
        ),
    ]
    unmapped = (
        "bok.se: sie.unmapped-dimension: dimension 21 'Kundgrupp' hör inte till huvudbokens "
        "dimensioner och lämnas utanför"
    )
    assert [str(problem) for problem in found.problems] == [
        unmapped,
        "bok.se: sie.outside-year: 2 belopp gäller andra år än 2023",
    ]


TYPE_3 = """#FLAGGA 0
#SIETYP 3
#RAR 0 20230101 20231231
#DIM 1 "Ansvar"
#DIM 6 "Projekt"
#KONTO 5010 "Lokalhyra"
#RES 0 5010 {res}
#PSALDO 0 202301 5010 {{}} {total}
#PSALDO 0 202301 5010 {{1 "1100"}} 600.00
#PSALDO 0 202301 5010 {{1 "1200"}} 300.00
#PSALDO 0 202301 5010 {{6 "P1"}} 900.00
#PBUDGET 0 202301 5010 {{}} {budget}
#PBUDGET 0 202301 5010 {{1 "1100"}} 1000.00
"""


def type_3_rows(res: str, total: str) -> list[tuple[LedgerKind, tuple[str, ...], Decimal]]:
    # The budget's {} row as the file's outcome has it: the total, or nothing left over.
    budget = "1000.00" if res == total else "0.00"
    text = TYPE_3.format(res=res, total=total, budget=budget)
    problems: list[Problem] = []
    found = read_contents(read_records(text.encode().splitlines(), "bok.se", problems), "bok.se")
    assert problems == []
    rows = ledger_rows(found, 2023, dimension_map(found, {}))
    return [(row.kind, row.objects[:4:3], row.amount) for row in rows]  # ansvar, projekt


@pytest.mark.parametrize(
    ("res", "total", "outcome"),
    [
        # The {} row is the month's total: one breakdown (ansvar, the lower dimension), not
        # the total, the ansvar rows and the project rows summed (2 700).
        ("900.00", "900.00", [(("1100", ""), 600), (("1200", ""), 300)]),
        # The total holds 100 kr posted without an object: kept as such.
        ("1000.00", "1000.00", [(("", ""), 100), (("1100", ""), 600), (("1200", ""), 300)]),
        # This exporter's {} row holds only what was posted without an object: #RES tells.
        ("1000.00", "100.00", [(("", ""), 100), (("1100", ""), 600), (("1200", ""), 300)]),
    ],
    ids=["total", "total with unassigned", "remainder only"],
)
def test_period_figures_of_a_type_3_file_are_taken_in_one_breakdown_never_summed(
    res: str, total: str, outcome: list[tuple[tuple[str, str], int]]
) -> None:
    rows = type_3_rows(res, total)
    assert [(objects, amount) for kind, objects, amount in rows if kind is LedgerKind.OUTCOME] == [
        (objects, Decimal(amount)) for objects, amount in outcome
    ]
    assert [(objects, amount) for kind, objects, amount in rows if kind is LedgerKind.BUDGET] == [
        (("1100", ""), Decimal(1000))
    ]


def test_transactions_are_the_outcome_where_the_file_has_them_and_period_balances_are_not() -> None:
    text = TYPE_3.format(res="900.00", total="900.00", budget="1000.00") + (
        '#VER A 1 20230105 ""\n{\n #TRANS 5010 {1 "1100"} 50.00\n #TRANS 5010 {} -50.00\n}\n'
    )
    problems: list[Problem] = []
    found = read_contents(read_records(text.encode().splitlines(), "bok.se", problems), "bok.se")
    outcome = [row for row in ledger_rows(found, 2023, {}) if row.kind is LedgerKind.OUTCOME]
    assert sum(row.amount for row in outcome) == 0  # the transactions, not the 900 kr balance
