"""The database cache's table, so that `uppsikt migrate` leaves nothing to do by hand.

Sign-in rate limits and used one-time codes live in Django's cache; by default that is a table
in Uppsikt's own database, shared by every app server (see docs/accounts.md). Django's
`createcachetable` creates the table of each database cache in CACHES and skips one that
exists; for other cache backends it does nothing.
"""

from django.core.management import call_command
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def create_cache_tables(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
