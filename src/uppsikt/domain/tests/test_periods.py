from datetime import date

import pytest

from uppsikt.domain.periods import (
    PeriodKey,
    PeriodKind,
    PeriodState,
    ReportingPeriod,
    accepts_follow_ups,
    can_transition,
)
from uppsikt.domain.problems import DomainError


@pytest.mark.parametrize(
    ("text", "closing"),
    [
        ("2023-VP", date(2023, 1, 1)),
        ("2023-T1", date(2023, 4, 30)),
        ("2023-T2", date(2023, 8, 31)),
        ("2023-VB", date(2023, 12, 31)),
        ("2024-M02", date(2024, 2, 29)),
        ("2023-M11", date(2023, 11, 30)),
    ],
)
def test_period_keys_read_print_and_know_their_closing_date(text: str, closing: date) -> None:
    key = PeriodKey.parse(text)
    assert str(key) == text
    assert key.default_closing_date() == closing


@pytest.mark.parametrize("text", ["2023", "2023-T3", "2023-M13", "2023-M00", "23-T1", "2023-t1"])
def test_malformed_period_keys_are_refused(text: str) -> None:
    with pytest.raises(DomainError):
        PeriodKey.parse(text)


def test_the_comparison_period_is_the_same_period_a_year_earlier() -> None:
    assert str(PeriodKey.parse("2023-T1").same_period_previous_year()) == "2022-T1"


def test_a_month_period_and_only_a_month_period_has_a_month() -> None:
    with pytest.raises(DomainError):
        PeriodKey(2023, PeriodKind.INTERIM_1, 4)
    with pytest.raises(DomainError):
        PeriodKey(2023, PeriodKind.MONTH)


def test_a_period_is_named_by_its_kind_unless_given_a_name() -> None:
    key = PeriodKey.parse("2023-T1")
    assert ReportingPeriod(key, date(2023, 4, 30)).title == "Delårsrapport 1"
    named = ReportingPeriod(key, date(2023, 4, 30), "Delårsrapport per 30 april")
    assert named.title == "Delårsrapport per 30 april"


# from, to, allowed
TRANSITIONS = """
    open       submitted  yes
    open       approved   no
    open       locked     no
    submitted  open       yes
    submitted  approved   yes
    approved   locked     yes
    approved   open       no
    locked     open       yes
    locked     submitted  no
"""


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [tuple(line.split()) for line in TRANSITIONS.strip().splitlines()],
)
def test_the_workflow_goes_open_submitted_approved_locked(
    current: str, target: str, allowed: str
) -> None:
    assert can_transition(PeriodState(current), PeriodState(target)) is (allowed == "yes")


def test_only_an_open_period_accepts_follow_ups() -> None:
    assert [state for state in PeriodState if accepts_follow_ups(state)] == [PeriodState.OPEN]
