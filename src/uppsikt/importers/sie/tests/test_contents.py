"""An SIE file's contents gathered from its records: years, accounts, balances, transactions
summed by month, account and objects, and every fault with its stable code and line."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uppsikt.domain.problems import Problem
from uppsikt.importers.sie.contents import FiscalYear, SieContents, read_contents, reconcile
from uppsikt.importers.sie.records import read_records

HEADER = """#FLAGGA 0
#PROGRAM "Ekonomisystemet" 4.2
#SIETYP 4
#FNAMN "Huddinge kommun"
#RAR 0 20230101 20231231
#RAR -1 20220101 20221231
#DIM 1 "Ansvar"
#DIM 20 "Verksamhet"
#OBJEKT 1 "1100" "Kommunledning"
#KONTO 1930 "Bank"
#KONTO 5010 "Lokalhyra"
#KONTO 3010 "Försäljning"
"""


def contents_of(body: str, name: str = "bok.se") -> SieContents:
    problems: list[Problem] = []
    lines = (HEADER + body).encode("cp437").splitlines(keepends=True)
    found = read_contents(read_records(lines, name, problems), name)
    reconcile(found)
    assert problems == []
    return found


def faults(found: SieContents) -> list[str]:
    return [str(problem) for problem in found.problems]


def test_transactions_are_summed_by_month_account_and_objects() -> None:
    found = contents_of("""#VER A 1 20230105 "Hyra"
{
   #TRANS 5010 {1 "1100" 20 "210"} 1000.00
   #TRANS 5010 {20 "210" 1 "1100"} 500.50
   #TRANS 1930 {} -1500.50
   #RTRANS 5010 {} 99.00
   #BTRANS 5010 {} -99.00
}
#VER A 2 20230210 "Försäljning"
{
   #TRANS 3010 {} -200.00 20230228
   #TRANS 1930 {} 200.00 20230228
}
""")
    assert found.program == "Ekonomisystemet 4.2"
    assert (found.sie_type, found.company) == ("4", "Huddinge kommun")
    assert found.years[-1] == FiscalYear(-1, date(2022, 1, 1), date(2022, 12, 31))
    assert found.dimensions == {"1": "Ansvar", "20": "Verksamhet"}
    assert found.objects == {("1", "1100"): "Kommunledning"}
    assert dict(found.outcome) == {
        ((2023, 1), "5010", (("1", "1100"), ("20", "210"))): Decimal("1500.50"),
        ((2023, 1), "1930", ()): Decimal("-1500.50"),
        ((2023, 2), "3010", ()): Decimal("-200.00"),  # the transaction's own date
        ((2023, 2), "1930", ()): Decimal("200.00"),
    }
    assert (found.vouchers, found.transactions) == (2, 5)  # #RTRANS and #BTRANS left out
    assert faults(found) == []


def test_balances_results_and_period_figures_are_kept_by_year_and_month() -> None:
    found = contents_of("""#IB 0 1930 1000.00
#UB 0 1930 1100.00
#RES 0 3010 -100.00
#PSALDO 0 202301 3010 {} -60.00
#PSALDO 0 202301 3010 {1 "1100"} -60.00
#PBUDGET 0 202302 3010 -40.00
#VER A 1 20230131 ""
{
   #TRANS 3010 {} -100.00
   #TRANS 1930 {} 100.00
}
""")
    assert found.opening == {(0, "1930"): Decimal("1000.00")}
    assert found.closing == {(0, "1930"): Decimal("1100.00")}
    assert found.results == {(0, "3010"): Decimal("-100.00")}
    assert found.balances == {
        ((2023, 1), "3010", ()): Decimal("-60.00"),
        ((2023, 1), "3010", (("1", "1100"),)): Decimal("-60.00"),
    }
    assert found.budget == {((2023, 2), "3010", ()): Decimal("-40.00")}  # without its objects
    assert faults(found) == []  # #RES and #UB − #IB reconcile with the transactions


FAULTS = [
    (
        '#VER A 1 20230105 ""\n{\n#TRANS 5010 {} 100\n#TRANS 1930 {} -90\n}\n',
        ["bok.se:13: sie.voucher-imbalanced: verifikationens rader summerar till 10, inte 0"],
    ),
    (
        '#VER A 1 "" ""\n{\n#TRANS 5010 {} 100\n#TRANS 1930 {} -100\n}\n',
        [
            "bok.se:15: sie.voucher-without-date: verifikationen på rad 13 saknar datum; raden räknas inte",
            "bok.se:16: sie.voucher-without-date: verifikationen på rad 13 saknar datum; raden räknas inte",
        ],
    ),
    (
        '#VER A 1 20230105 ""\n{\n#TRANS 5010 {} 1,5\n#TRANS 1930 {} -100\n}\n',
        [
            "bok.se:15: sie.bad-amount: beloppet '1,5' är inget tal",
            "bok.se:13: sie.voucher-imbalanced: verifikationens rader summerar till -100, inte 0",
        ],
    ),
    (
        '#VER A 1 20230231 ""\n{\n}\n',
        [
            "bok.se:13: sie.bad-date: datumet 20230231 finns inte",
            "bok.se:13: sie.empty-voucher: verifikationen har inga rader",
        ],
    ),
    (
        '#VER A 1 20230105 ""\n{\n#TRANS 4010 {} 100\n#TRANS 1930 {1} -100\n}\n',
        [
            "bok.se:15: sie.unknown-account: kontot 4010 finns inte i #KONTO",
            "bok.se:16: sie.bad-objects: objektlistan har en udda del",
            "bok.se:13: sie.voucher-imbalanced: verifikationens rader summerar till 100, inte 0",
        ],
    ),
    ("#TRANS 1930 {} 100\n", ["bok.se:13: sie.transaction-outside-voucher: #TRANS utan #VER före"]),
    ("#IB 2 1930 100\n", ["bok.se:13: sie.unknown-year: år 2 saknar #RAR"]),
    ("#KONTO 19A0 Bank\n", ["bok.se:13: sie.bad-account: kontot '19A0' är inte siffror"]),
    (
        '#UB 0 1930 500\n#VER A 1 20230105 ""\n{\n#TRANS 1930 {} 100\n#TRANS 3010 {} -100\n}\n',
        ["bok.se: sie.unreconciled: år 0, konto 1930: transaktionerna ger 100, filen säger 500"],
    ),
]


@pytest.mark.parametrize(("body", "expected"), FAULTS)
def test_each_fault_has_its_code_and_line(body: str, expected: list[str]) -> None:
    assert faults(contents_of(body)) == expected


def test_an_import_file_is_not_reconciled_against_its_balances() -> None:
    body = '#UB 0 1930 500\n#VER A 1 20230105 ""\n{\n#TRANS 1930 {} 100\n#TRANS 3010 {} -100\n}\n'
    assert faults(contents_of(body, "bok.si")) == []


LINES = st.sampled_from(
    [
        "#VER A 1 20230105 x",
        "#VER A 1",
        "{",
        "}",
        "#TRANS 1930 {} 100",
        "#TRANS 1930 {1 2} -100.5 20230101",
        "#TRANS x {1} y",
        "#RAR 0 20230101 20231231",
        "#RAR x",
        "#IB 0 1930 5",
        "#UB -1 1930 x",
        "#RES 0 3010",
        "#PSALDO 0 202301 3010 {} 1",
        "#PBUDGET 0 20231 3010 1",
        "#KONTO 1930 Bank",
        "#OBJEKT 1",
        "#KSUMMA",
    ]
)


@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=30))
def test_any_lines_give_contents_and_problems_never_an_exception(lines: list[str]) -> None:
    problems: list[Problem] = []
    data = [line.encode("utf-8", errors="replace") for line in lines]
    found = read_contents(read_records(data, "f.se", problems), "f.se")
    reconcile(found)
    assert all(problem.location.file == "f.se" for problem in [*problems, *found.problems])
