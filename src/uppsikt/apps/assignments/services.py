"""Updating an assignment's follow-up: who may, when, and never over someone else's change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.followups import save_follow_up
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.vocabularies.models import Status
from uppsikt.domain.access import Action


def may_report(user: User, assignment: Assignment) -> bool:
    """Whether `user` may update the assignment's follow-up (its unit is in their scope)."""
    return Assignment.objects.for_user(user, Action.REPORT).filter(pk=assignment.pk).exists()


def update_follow_up(
    user: User,
    assignment: Assignment,
    period: ReportingPeriod,
    *,
    status: Status | None,
    comment: str,
    version: int,
) -> AssignmentFollowUp:
    """Save the status and comment the person set, based on the follow-up's `version`.

    `version` is 0 for a follow-up not yet written. Raises PermissionDenied, PeriodClosedError,
    ValueError for a status outside the committee's assignment statuses, or StaleVersionError
    with the follow-up as someone else has since saved it.
    """
    if not may_report(user, assignment):
        raise PermissionDenied("du får inte uppdatera det här uppdraget")
    require_open(assignment.committee_year, period)
    return save_follow_up(
        AssignmentFollowUp,
        {"assignment": assignment},
        period,
        assignment.committee_year.assignment_statuses,
        status=status,
        comment=comment,
        version=version,
    )
