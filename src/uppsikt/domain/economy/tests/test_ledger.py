from datetime import date
from decimal import Decimal

import pytest

from uppsikt.domain.economy.ledger import (
    DIMENSIONS,
    AccountRange,
    DimensionFilter,
    LedgerEntry,
    LedgerKind,
    LedgerRule,
    RowMonth,
    dimensions_used,
    months,
    row_for,
    span_amount,
    summarise,
)
from uppsikt.domain.problems import DomainError


@pytest.mark.parametrize(
    ("text", "account", "matches"),
    [
        ("3", "3041", True),
        ("3", "4041", False),
        ("46", "4610", True),
        ("5000-5999", "5110", True),
        ("5000-5999", "6110", False),
        ("50-57", "5799", True),
        ("50-57", "5800", False),
        ("3041", "304", False),
    ],
)
def test_accounts_match_by_prefix_or_range(text: str, account: str, matches: bool) -> None:
    assert AccountRange.parse(text).matches(account) is matches


@pytest.mark.parametrize("text", ["", "5x", "5999-5000", "50-5999", "3,4"])
def test_malformed_account_ranges_are_refused(text: str) -> None:
    with pytest.raises(DomainError):
        AccountRange.parse(text)


def objects(**codes: str) -> tuple[str, ...]:
    return tuple(codes.get(name, "") for name in DIMENSIONS)


# Rules in order; the first that matches wins.
RULES = (
    LedgerRule("namnd", (AccountRange.parse("3-7"),), (DimensionFilter("verksamhet", ("100",)),)),
    LedgerRule("politisk", (AccountRange.parse("3-7"),), (DimensionFilter("verksamhet", ("1*",)),)),
    LedgerRule("personal", (AccountRange.parse("50-57"),)),
    LedgerRule("ovrigt", ()),
)


@pytest.mark.parametrize(
    ("account", "verksamhet", "row"),
    [
        ("5010", "100", "namnd"),
        ("5010", "110", "politisk"),
        ("5010", "440", "personal"),
        ("7010", "440", "ovrigt"),
        ("8010", "100", "ovrigt"),
    ],
)
def test_the_first_matching_rule_decides_the_row(account: str, verksamhet: str, row: str) -> None:
    assert row_for(RULES, account, objects(verksamhet=verksamhet)) == row


def test_an_entry_no_rule_matches_is_in_no_row() -> None:
    assert row_for(RULES[:3], "8010", objects(verksamhet="900")) is None


def test_the_dimensions_rules_use_are_known() -> None:
    assert dimensions_used(RULES) == ["verksamhet"]


def test_entries_are_summed_per_row_kind_and_month() -> None:
    entries = [
        LedgerEntry(
            LedgerKind.OUTCOME, 2023, 1, "5010", objects(verksamhet="100"), Decimal("10.50")
        ),
        LedgerEntry(
            LedgerKind.OUTCOME, 2023, 1, "5020", objects(verksamhet="100"), Decimal("4.50")
        ),
        LedgerEntry(LedgerKind.OUTCOME, 2023, 5, "5010", objects(verksamhet="100"), Decimal(100)),
        LedgerEntry(LedgerKind.BUDGET, 2023, 1, "5010", objects(verksamhet="100"), Decimal(12)),
    ]
    summary = summarise(RULES, entries)
    assert summary == {
        RowMonth("namnd", LedgerKind.OUTCOME, 2023, 1): Decimal(15),
        RowMonth("namnd", LedgerKind.OUTCOME, 2023, 5): Decimal(100),
        RowMonth("namnd", LedgerKind.BUDGET, 2023, 1): Decimal(12),
    }
    april = months(span_is_period=True, closing=date(2023, 4, 30))
    assert span_amount(summary, "namnd", LedgerKind.OUTCOME, 2023, april) == Decimal(15)
    year = months(span_is_period=False, closing=date(2023, 4, 30))
    assert span_amount(summary, "namnd", LedgerKind.OUTCOME, 2023, year) == Decimal(115)
    assert span_amount(summary, "personal", LedgerKind.OUTCOME, 2023, year) is None
