"""The committee, year and period an API address names, as the person may see them.

As on the web pages, what does not exist and what the person may not see are both *not found*.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from uppsikt.apps.api.errors import not_found
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import controls, state_of, year_and_period
from uppsikt.apps.restricted import User
from uppsikt.domain.periods import PeriodKey, PeriodState, accepts_follow_ups
from uppsikt.domain.problems import DomainError


def user_of(request: HttpRequest) -> User:
    """The person the request's token belongs to."""
    user: User = request.auth  # type: ignore[attr-defined]  # set by the token's authentication
    return user


def readable(*texts: str) -> bool:
    """Whether address parts can name anything (no NUL, which no database stores)."""
    return all("\x00" not in text for text in texts)


@dataclass(frozen=True)
class Here:
    """A committee's period the address names, and what the person may do there."""

    user: User
    kolada_id: str
    committee: str
    year: CommitteeYear
    period: ReportingPeriod

    @property
    def key(self) -> PeriodKey:
        """The period's key."""
        return self.period.key

    @property
    def state(self) -> PeriodState:
        """The committee's state for the period."""
        return state_of(self.year, self.period)

    @property
    def open(self) -> bool:
        """Whether the period accepts changes."""
        return accepts_follow_ups(self.state)

    @property
    def controls(self) -> bool:
        """Whether the person controls the committee's year."""
        return controls(self.user, self.year)

    def url(self, *parts: str) -> str:
        """The API address of something in the period."""
        path = "/".join([self.kolada_id, self.committee, "periods", str(self.key), *parts])
        return f"/api/committees/{path}"


def here(request: HttpRequest, kolada_id: str, committee: str, period: str) -> Here:
    """The committee's period the address names; ApiError 404 when there is none to see."""
    if not readable(kolada_id, committee, period):
        raise not_found()
    try:
        key = PeriodKey.parse(period)
    except DomainError as error:
        raise not_found(str(error)) from error
    user = user_of(request)
    found = year_and_period(user, kolada_id, committee, key)
    if found is None:
        raise not_found("ingen sådan nämnd eller period, eller så får du inte se den")
    year, reporting_period = found
    return Here(user, kolada_id, committee, year, reporting_period)
