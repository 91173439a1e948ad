"""The committee's year and period an address names (`kommun/<kolada-id>/<nämnd>/<period>/`).

Every page under a committee's period starts here: a period that is no period, a committee the
person may not see, and a period the year does not have are all *not found*, so that the
existence of a committee is never revealed to someone outside it.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import committee_period, year_and_period
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError


def year_and_period_of(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> tuple[CommitteeYear, ReportingPeriod]:
    """The committee's year and period the address names; Http404 when there is none to see."""
    try:
        key = PeriodKey.parse(period)
    except DomainError as error:
        raise Http404(str(error)) from error
    found = year_and_period(request.user, kolada_id, committee, key)
    if found is None:
        raise Http404("ingen sådan nämnd eller period")
    return found


def committee_period_of(
    request: HttpRequest, kolada_id: str, committee: str, period: str, *, create: bool = False
) -> CommitteePeriod:
    """The committee's work on the period the address names (see `queries.committee_period`)."""
    year, found = year_and_period_of(request, kolada_id, committee, period)
    return committee_period(year, found, create=create)
