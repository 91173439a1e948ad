"""Reading committees as a person may see them."""

from __future__ import annotations

from uppsikt.apps.organisation.models import Committee
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action


def committee_for(user: User, action: Action, kolada_id: str, code: str) -> Committee | None:
    """The municipality's committee with this code, if `user` may do `action` on it."""
    return (
        Committee.objects.for_user(user, action)
        .filter(municipality__kolada_id=kolada_id, code=code)
        .select_related("municipality")
        .first()
    )
