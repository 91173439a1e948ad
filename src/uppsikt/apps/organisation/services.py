"""Writing people's roles: the grants their groups give at a sign-in through single sign-on."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from uppsikt.apps.organisation.mapping import group_role_to_domain, held_grant
from uppsikt.apps.organisation.models import GrantOrigin, GroupRole, RoleGrant
from uppsikt.apps.tracking import change_reason
from uppsikt.domain.identity import GrantChanges, HeldGrant, grant_changes, grants_for

SIGN_IN_REASON = "inloggning: roller från grupper"


def grant_by_groups(user: AbstractBaseUser, groups: frozenset[str]) -> GrantChanges:
    """Make the person's grants from groups what `groups` give now; grants by hand stay.

    Runs in one transaction with the person's row locked, so two sign-ins at once do not both
    add the same grant. Each grant added or removed is kept in the grants' history.
    """
    scoped = ("municipality", "committee", "unit")
    with transaction.atomic(), change_reason(SIGN_IN_REASON):
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).first()
        group_roles = list(GroupRole.objects.select_related(*scoped))
        rows_giving: dict[HeldGrant, GroupRole] = {}
        for row in group_roles:
            rows_giving.setdefault(held_grant(row), row)
        held: dict[HeldGrant, list[RoleGrant]] = defaultdict(list)
        for grant in RoleGrant.objects.filter(
            user_id=user.pk, origin=GrantOrigin.GROUPS
        ).select_related(*scoped):
            held[held_grant(grant)].append(grant)
        given = grants_for(groups, [group_role_to_domain(row) for row in group_roles])
        changes = grant_changes(held, given)
        for gone in changes.remove:
            for grant in held[gone]:
                grant.delete()
        for new in sorted(changes.add, key=str):
            row = rows_giving[new]
            RoleGrant.objects.create(
                user_id=user.pk,
                municipality_id=row.municipality_id,
                role=row.role,
                committee_id=row.committee_id,
                unit_id=row.unit_id,
                origin=GrantOrigin.GROUPS,
            )
    return changes
