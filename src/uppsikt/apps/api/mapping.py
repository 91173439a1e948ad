"""Mapping between token rows and domain records."""

from __future__ import annotations

from uppsikt.apps.api import models
from uppsikt.domain import tokens as domain


def token_to_domain(row: models.AccessToken) -> domain.AccessToken:
    """The token as the domain sees it (its owner by username)."""
    return domain.AccessToken(
        name=row.name,
        user=row.user.get_username(),
        prefix=row.prefix,
        created=row.created,
        last_used=row.last_used,
        expires=row.expires,
        revoked=row.revoked,
    )
