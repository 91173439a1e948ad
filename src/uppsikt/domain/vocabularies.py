"""Configurable status vocabularies and goal-assessment scales."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

StatusCode = str


class StatusOutcome(StrEnum):
    """What a status means for the year: done, expected done this year, or not."""

    DONE = "done"
    EXPECTED_DONE = "expected_done"
    NOT_DONE = "not_done"


class Colour(StrEnum):
    """A status colour; always shown together with symbol and word, never alone."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    GREY = "grey"
    BLUE = "blue"


@dataclass(frozen=True, slots=True)
class Status:
    """One status of a vocabulary, such as "Blir klart i år"."""

    code: StatusCode
    label: str
    outcome: StatusOutcome
    symbol: str
    colour: Colour | None = None


@dataclass(frozen=True, slots=True)
class StatusVocabulary:
    """An ordered list of statuses for follow-ups of assignments, actions or controls."""

    code: str
    name: str
    statuses: tuple[Status, ...]

    def get(self, code: StatusCode) -> Status | None:
        """The status with this code, if the vocabulary has it."""
        return next((status for status in self.statuses if status.code == code), None)


@dataclass(frozen=True, slots=True)
class OutcomeCounts:
    """How many items are done, expected done this year, not done, or lack a status."""

    done: int = 0
    expected_done: int = 0
    not_done: int = 0
    missing: int = 0

    @property
    def total(self) -> int:
        """All items counted."""
        return self.done + self.expected_done + self.not_done + self.missing

    @property
    def done_this_year(self) -> int:
        """Items done or expected to be done within the year."""
        return self.done + self.expected_done


def count_outcomes(
    vocabulary: StatusVocabulary, codes: Iterable[StatusCode | None]
) -> OutcomeCounts:
    """Count status codes by outcome; an absent or unknown code counts as missing."""
    tally: Counter[StatusOutcome | None] = Counter()
    for code in codes:
        status = vocabulary.get(code) if code is not None else None
        tally[status.outcome if status else None] += 1
    return OutcomeCounts(
        done=tally[StatusOutcome.DONE],
        expected_done=tally[StatusOutcome.EXPECTED_DONE],
        not_done=tally[StatusOutcome.NOT_DONE],
        missing=tally[None],
    )


def count_statuses(codes: Iterable[StatusCode | None]) -> Counter[StatusCode | None]:
    """Count items per status code (None for items without a status)."""
    return Counter(codes)


@dataclass(frozen=True, slots=True)
class AssessmentLevel:
    """A level of a goal-assessment scale, e.g. "Delvis uppfyllt".

    `min_share` is the least share of assessable indicators meeting their milestone for this
    level to be suggested; a level without it is never suggested (e.g. "Avser ej nämnden").
    """

    code: str
    label: str
    symbol: str
    colour: Colour | None = None
    min_share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AssessmentScale:
    """An ordered scale of goal-assessment levels, best first."""

    code: str
    name: str
    levels: tuple[AssessmentLevel, ...]

    def get(self, code: str) -> AssessmentLevel | None:
        """The level with this code, if the scale has it."""
        return next((level for level in self.levels if level.code == code), None)

    def suggest(self, met: int, assessable: int) -> AssessmentLevel | None:
        """The best level whose threshold the share `met / assessable` reaches.

        Nothing is suggested when no indicator can be assessed: missing stays missing.
        """
        if assessable == 0:
            return None
        share = Decimal(met) / Decimal(assessable)
        candidates = [level for level in self.levels if level.min_share is not None]
        for level in sorted(candidates, key=lambda lvl: lvl.min_share or 0, reverse=True):
            assert level.min_share is not None
            if share >= level.min_share:
                return level
        return None
