"""Years and reporting periods: plan, interim reports, year end and months."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from uppsikt.domain.problems import DomainError


class PeriodKind(StrEnum):
    """The kind of a reporting period."""

    PLAN = "VP"
    INTERIM_1 = "T1"
    INTERIM_2 = "T2"
    ANNUAL = "VB"
    MONTH = "M"


KIND_NAMES: dict[PeriodKind, str] = {
    PeriodKind.PLAN: "Verksamhetsplan",
    PeriodKind.INTERIM_1: "Delårsrapport 1",
    PeriodKind.INTERIM_2: "Delårsrapport 2",
    PeriodKind.ANNUAL: "Verksamhetsberättelse",
    PeriodKind.MONTH: "Månadsrapport",
}

_KEY = re.compile(r"^(?P<year>\d{4})-(?:(?P<kind>VP|T1|T2|VB)|M(?P<month>\d{2}))$")


@dataclass(frozen=True, slots=True, order=True)
class PeriodKey:
    """Identifies a period: `2023-T1`, `2023-VB`, `2023-M04`."""

    year: int
    kind: PeriodKind
    month: int | None = None

    def __post_init__(self) -> None:
        if (self.kind is PeriodKind.MONTH) != (self.month is not None):
            raise DomainError("a month period, and only a month period, has a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DomainError(f"month {self.month} is not 1-12")

    @classmethod
    def parse(cls, text: str) -> PeriodKey:
        """Read a key such as `2023-T1` or `2023-M04`."""
        match = _KEY.match(text.strip())
        if match is None:
            raise DomainError(
                f"'{text}' är ingen period; skriv t.ex. 2023-VP, 2023-T1, 2023-T2, 2023-VB, 2023-M04"
            )
        year = int(match["year"])
        if match["month"] is not None:
            return cls(year, PeriodKind.MONTH, int(match["month"]))
        return cls(year, PeriodKind(match["kind"]))

    def __str__(self) -> str:
        if self.month is not None:
            return f"{self.year}-M{self.month:02d}"
        return f"{self.year}-{self.kind.value}"

    def default_closing_date(self) -> date:
        """The usual closing date of a period of this kind."""
        if self.kind is PeriodKind.PLAN:
            return date(self.year, 1, 1)
        if self.kind is PeriodKind.INTERIM_1:
            return date(self.year, 4, 30)
        if self.kind is PeriodKind.INTERIM_2:
            return date(self.year, 8, 31)
        if self.kind is PeriodKind.ANNUAL:
            return date(self.year, 12, 31)
        assert self.month is not None
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def same_period_previous_year(self) -> PeriodKey:
        """The corresponding period a year earlier, the usual comparison."""
        return PeriodKey(self.year - 1, self.kind, self.month)


class PeriodState(StrEnum):
    """Where a committee's period stands in its workflow."""

    OPEN = "open"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    LOCKED = "locked"


ALLOWED_TRANSITIONS: dict[PeriodState, frozenset[PeriodState]] = {
    PeriodState.OPEN: frozenset({PeriodState.SUBMITTED}),
    PeriodState.SUBMITTED: frozenset({PeriodState.OPEN, PeriodState.APPROVED}),
    PeriodState.APPROVED: frozenset({PeriodState.LOCKED, PeriodState.SUBMITTED}),
    PeriodState.LOCKED: frozenset({PeriodState.OPEN}),
}


STATE_NAMES = {
    PeriodState.OPEN: "öppen",
    PeriodState.SUBMITTED: "inskickad",
    PeriodState.APPROVED: "godkänd",
    PeriodState.LOCKED: "låst",
}


def accepts_follow_ups(state: PeriodState) -> bool:
    """Whether items' follow-ups may change: only while the period is open.

    A submitted period is reopened to change it, so what the controller checks is what the
    committee decides on; an approved or locked one is what the committee decided.
    """
    return state is PeriodState.OPEN


def can_transition(current: PeriodState, target: PeriodState) -> bool:
    """Whether the workflow allows going from `current` to `target`."""
    return target in ALLOWED_TRANSITIONS[current]


@dataclass(frozen=True, slots=True)
class ReportingPeriod:
    """A period of the municipality's year that committees follow up."""

    key: PeriodKey
    closing_date: date
    name: str = ""
    comparison: PeriodKey | None = None

    @property
    def title(self) -> str:
        """The name shown to people, defaulting to the kind's name."""
        return self.name or KIND_NAMES[self.key.kind]

    @property
    def start_date(self) -> date:
        """The first day covered: the first of the month for a month, else 1 January."""
        if self.key.kind is PeriodKind.MONTH:
            return self.closing_date.replace(day=1)
        return date(self.key.year, 1, 1)


@dataclass(frozen=True, slots=True)
class Decision:
    """The committee's decision on its report: date, paragraph and case reference."""

    date: date
    paragraph: str = ""
    case_reference: str = ""


@dataclass(frozen=True, slots=True)
class CommitteePeriod:
    """One committee's work on one period: its workflow state and decision."""

    period: PeriodKey
    state: PeriodState = PeriodState.OPEN
    decision: Decision | None = None
