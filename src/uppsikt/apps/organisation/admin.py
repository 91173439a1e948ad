"""Granting roles through Django's admin pages, until the web UI has its own page for it."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from uppsikt.apps.organisation.models import GrantOrigin, GroupRole, RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    """People's roles: who, which role, and on which committee or unit.

    A grant from groups is shown but not edited here: the next sign-in would replace it. Its
    group role is what to change (or the person's groups at the identity provider).
    """

    list_display = ("user", "role", "municipality", "committee", "unit", "origin")
    list_filter = ("role", "origin", "municipality", "committee")
    search_fields = ("user__username", "committee__name", "unit__name")
    autocomplete_fields = ("user",)
    readonly_fields = ("origin",)

    def has_change_permission(self, request: HttpRequest, obj: RoleGrant | None = None) -> bool:
        """Grants given by hand are edited here; grants from groups only by the groups."""
        if obj is not None and obj.origin == GrantOrigin.GROUPS:
            return False
        return bool(super().has_change_permission(request, obj))


@admin.register(GroupRole)
class GroupRoleAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    """Which role the members of a group at the identity provider hold, and where."""

    list_display = ("group", "role", "municipality", "committee", "unit")
    list_filter = ("role", "municipality", "committee")
    search_fields = ("group", "committee__name", "unit__name")
