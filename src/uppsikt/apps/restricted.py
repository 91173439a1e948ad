"""Permissions in one place: every queryset narrows itself to what a person may do.

`Model.objects.for_user(user, action)` is how every view and endpoint reads rows; no view
decides ownership on its own. Each model's queryset says where a row's committee, municipality
and (if it has one) org unit are.
"""

from __future__ import annotations

from typing import ClassVar, Self, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from uppsikt.domain.access import Action

M = TypeVar("M", bound=models.Model)
User = AbstractBaseUser | AnonymousUser


class RestrictedQuerySet(models.QuerySet[M]):
    """A queryset that can narrow itself to the rows a person may do an action on."""

    committee_path: ClassVar[str]
    municipality_path: ClassVar[str]
    unit_path: ClassVar[str | None] = None

    def for_user(self, user: User, action: Action) -> Self:
        """The rows on which `user` may do `action`."""
        # Imported here: the grants are rows of the organisation app, whose own models use
        # this queryset.
        from uppsikt.apps.organisation.access import NOTHING, allowed  # noqa: PLC0415

        where = allowed(user, action)
        if where == NOTHING:
            return self.none()
        return self.filter(where.q(self.committee_path, self.municipality_path, self.unit_path))
