"""Assignments (uppdrag) and their follow-up per period."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.vocabularies import StatusCode


class Origin(StrEnum):
    """Who gave an assignment."""

    COUNCIL = "council"  # från kommunfullmäktige
    COMMITTEE = "committee"  # nämndens uppdrag i verksamhetsplanen
    ADDED = "added"  # tillkommet under året

    @property
    def label(self) -> str:
        """The Swedish description of the origin."""
        return ORIGIN_LABELS[self]


ORIGIN_LABELS = {
    Origin.COUNCIL: "Från kommunfullmäktige",
    Origin.COMMITTEE: "Nämndens uppdrag",
    Origin.ADDED: "Tillkommet under året",
}


@dataclass(frozen=True, slots=True)
class FollowUp:
    """The status and comment given for an item in one period."""

    period: PeriodKey
    status: StatusCode | None = None
    comment: str = ""


class FollowedUp:
    """Mixin for records with follow-ups: the follow-up for a period."""

    __slots__ = ()
    follow_ups: tuple[FollowUp, ...]

    def follow_up(self, period: PeriodKey) -> FollowUp | None:
        """The follow-up for `period`, if one was made."""
        return next((item for item in self.follow_ups if item.period == period), None)

    def status(self, period: PeriodKey) -> StatusCode | None:
        """The status code for `period`, None when there is none."""
        found = self.follow_up(period)
        return found.status if found else None


@dataclass(frozen=True, slots=True)
class Assignment(FollowedUp):
    """A task given to the administration, linked to a goal and a responsible unit."""

    code: str
    text: str
    origin: Origin
    goal: str | None = None
    unit: str | None = None
    follow_ups: tuple[FollowUp, ...] = ()


def statuses_in(items: Iterable[FollowedUp], period: PeriodKey) -> list[StatusCode | None]:
    """The status code of each item for `period`, in item order."""
    return [item.status(period) for item in items]
