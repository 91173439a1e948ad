"""Where a committee's work on a period stands."""

from __future__ import annotations

from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
from uppsikt.domain.periods import STATE_NAMES, PeriodKey, PeriodState, accepts_follow_ups


class PeriodClosedError(Exception):
    """The period no longer accepts changes to its figures and follow-ups."""


def year_and_period(
    user: User, kolada_id: str, committee: str, key: PeriodKey
) -> tuple[CommitteeYear, ReportingPeriod] | None:
    """The committee's year and the period an address names, if `user` may see the committee."""
    year = (
        CommitteeYear.objects.for_user(user, Action.VIEW)
        .filter(
            committee__municipality__kolada_id=kolada_id,
            committee__code=committee,
            year__year=key.year,
        )
        .select_related("committee__municipality", "year")
        .first()
    )
    if year is None:
        return None
    period = year.year.periods.filter(kind=key.kind.value, month=key.month).first()
    return None if period is None else (year, period)


def committee_period(
    committee_year: CommitteeYear, period: ReportingPeriod, *, create: bool = False
) -> CommitteePeriod:
    """The committee's work on the period.

    When it has not started, the period is open: it is created as such with `create` (before a
    step), else given unsaved (reading writes nothing).
    """
    found = CommitteePeriod.objects.filter(committee_year=committee_year, period=period).first()
    if found is None:
        found = CommitteePeriod(committee_year=committee_year, period=period)
        if create:
            found.save()
    return found


def controls(user: User, committee_year: CommitteeYear) -> bool:
    """Whether `user` controls the committee's year: its controller, or an administrator.

    The controller's work: forecasts, texts, goal assessments, internal control, next period.
    """
    years = CommitteeYear.objects.filter(pk=committee_year.pk)
    return years.for_user(user, Action.CONTROL).exists()


def state_of(committee_year: CommitteeYear, period: ReportingPeriod) -> PeriodState:
    """The committee's state for the period (open when its work has not started)."""
    state = (
        CommitteePeriod.objects.filter(committee_year=committee_year, period=period)
        .values_list("state", flat=True)
        .first()
    )
    return PeriodState(state) if state else PeriodState.OPEN


def require_open(committee_year: CommitteeYear, period: ReportingPeriod) -> None:
    """Raise PeriodClosedError unless the period accepts changes."""
    state = state_of(committee_year, period)
    if not accepts_follow_ups(state):
        raise PeriodClosedError(f"perioden är {STATE_NAMES[state]} och kan inte ändras")


def require_year_open(committee_year: CommitteeYear) -> None:
    """Raise PeriodClosedError unless some period of the committee's year accepts changes.

    What belongs to the year rather than to a period (an indicator's values) may change while
    the year still has a period open; a report already submitted or locked keeps its edition.
    """
    states = dict(
        CommitteePeriod.objects.filter(committee_year=committee_year).values_list(
            "period_id", "state"
        )
    )
    periods = committee_year.year.periods.values_list("pk", flat=True)
    if not any(accepts_follow_ups(PeriodState(states.get(pk, PeriodState.OPEN))) for pk in periods):
        raise PeriodClosedError(
            f"inga perioder av {committee_year.year.year} är öppna; året kan inte ändras"
        )
