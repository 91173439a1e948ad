"""Updating an assignment's follow-up: who may, when, and never over someone else's change."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.periods.queries import require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import StaleVersionError, save_if_current
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
    or StaleVersionError with the follow-up as someone else has since saved it.
    """
    if not may_report(user, assignment):
        raise PermissionDenied("du får inte uppdatera det här uppdraget")
    require_open(assignment.committee_year, period)
    if (
        status is not None
        and status.vocabulary_id != assignment.committee_year.assignment_statuses_id
    ):
        raise ValueError(f"statusen {status.code} hör inte till nämndens uppdragsstatusar")
    existing = AssignmentFollowUp.objects.filter(assignment=assignment, period=period).first()
    if existing is not None:
        return save_if_current(existing, version, status=status, comment=comment)
    if version != 0:  # the follow-up the person saw was removed since
        raise StaleVersionError(AssignmentFollowUp(assignment=assignment, period=period, version=0))
    try:
        with transaction.atomic():
            return AssignmentFollowUp.objects.create(
                assignment=assignment, period=period, status=status, comment=comment
            )
    except IntegrityError:  # someone else wrote the first follow-up at the same moment
        current = AssignmentFollowUp.objects.get(assignment=assignment, period=period)
        raise StaleVersionError(current) from None
