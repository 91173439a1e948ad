"""Whether the database has every migration of this code: for serving, readiness and restoring."""

from __future__ import annotations

from django.db import connections
from django.db.migrations.executor import MigrationExecutor


def missing_migrations() -> list[str]:
    """The code's migrations the default database has not applied, in order, as `app.name`."""
    executor = MigrationExecutor(connections["default"])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
