"""Updating an internal-control item's follow-up: the committee's controller, while open.

Risk actions, audit actions and controls belong to the committee as a whole, not to a unit,
so updating them is the controller's work (and an administrator's), not a unit reporter's.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from uppsikt.apps.followups import FollowUpBase, save_follow_up
from uppsikt.apps.internal_control.queries import Found
from uppsikt.apps.periods.queries import controls, require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.vocabularies.models import Status


def update_follow_up(
    user: User, found: Found, *, status: Status | None, comment: str, version: int
) -> FollowUpBase:
    """Save the status and comment the person set, based on the follow-up's `version`.

    `version` is 0 for a follow-up not yet written. Raises PermissionDenied, PeriodClosedError,
    ValueError for a status outside the committee's statuses for internal control, or
    StaleVersionError with the follow-up as someone else has since saved it.
    """
    if not controls(user, found.committee_year):  # items have no unit: the controller's
        raise PermissionDenied(f"du får inte uppdatera {found.kind.definite}")
    require_open(found.committee_year, found.period)
    return save_follow_up(
        found.kind.follow_up,
        {found.kind.item_field: found.item},
        found.period,
        found.committee_year.control_statuses,
        status=status,
        comment=comment,
        version=version,
    )
