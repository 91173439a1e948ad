"""Granting roles through Django's admin pages, until the web UI has its own page for it."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from uppsikt.apps.organisation.models import RoleGrant


@admin.register(RoleGrant)
class RoleGrantAdmin(SimpleHistoryAdmin):  # type: ignore[misc]  # simple_history is untyped
    """People's roles: who, which role, and on which committee or unit."""

    list_display = ("user", "role", "municipality", "committee", "unit")
    list_filter = ("role", "municipality", "committee")
    search_fields = ("user__username", "committee__name", "unit__name")
    autocomplete_fields = ("user",)
