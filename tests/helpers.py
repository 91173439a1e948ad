"""Helpers shared by tests in several packages."""

from __future__ import annotations

from pathlib import Path

from django.apps import apps

REPOSITORY = Path(__file__).parents[1]
SHARED = REPOSITORY.parent / "shared"


def database_counts() -> dict[str, int]:
    """The number of rows of every Uppsikt model and history table."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("uppsikt.")
    }
