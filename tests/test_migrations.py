"""Migrations from an empty database and from every release, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPOSITORY, scratch_database

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

# Each release's schema: the last migration of every app that had migrations then. An app
# missing here did not exist in that release. Add the new release's line when making one.
RELEASES: dict[str, dict[str, str]] = {
    "0.1.0": {
        "account": "0009_emailaddress_unique_primary_email",
        "admin": "0003_logentry_add_action_flag_choices",
        "api": "0001_initial",
        "assignments": "0002_version",
        "auth": "0012_alter_user_first_name_max_length",
        "contenttypes": "0002_remove_content_type_name",
        "economy": "0003_version",
        "goals": "0004_indicator_value_source",
        "internal_control": "0002_version",
        "narratives": "0004_draft_in_words",
        "organisation": "0003_version",
        "periods": "0002_version",
        "personnel": "0003_gender",
        "reporting": "0003_frozen_report",
        "sessions": "0001_initial",
        "vocabularies": "0002_version",
    },
}
# Run in one `uppsikt shell` each, so that the test starts few processes.
# Every table's rows, history tables included, read past the models (whose fields may be newer).
COUNT_ROWS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names(cursor)):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
print("COUNTS " + json.dumps(counts))
"""
# An edit with its history, so that the history tables hold more than the load.
EDIT = """
from uppsikt.apps.assignments.models import Assignment
assignment = Assignment.objects.order_by("pk").first()
assignment.text = assignment.text + " (ändrat)"
assignment._change_reason = "före uppgraderingen"
assignment.save()
"""
# Back to a release's schema (SCHEMA is set before), through the migrations' reverse steps.
BACK_TO = """
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
def last_applied():
    last = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        last[app] = max(name, last.get(app, ""))
    return last
for app in sorted(set(last_applied()) - set(SCHEMA)):  # apps newer than the release
    call_command("migrate", app, "zero", verbosity=0)
for app, name in sorted(SCHEMA.items()):
    call_command("migrate", app, name, verbosity=0)
print("APPLIED " + json.dumps(last_applied(), sort_keys=True))
"""


def uppsikt(database: str, *arguments: str) -> str:
    """Run `uppsikt …` against the database in its own process; its output."""
    environment = {**os.environ, "DATABASE_URL": database}
    result = subprocess.run(
        [sys.executable, "-m", "uppsikt", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPOSITORY,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def printed(output: str, label: str) -> Any:
    """The JSON a script printed after `label`."""
    (line,) = [line for line in output.splitlines() if line.startswith(f"{label} ")]
    return json.loads(line.removeprefix(f"{label} "))


def dump_and_count(database: str, out: Path, before: str = "") -> tuple[str, dict[str, int]]:
    """The dataset as `uppsikt dump` writes it and every table's rows (after `before` runs)."""
    script = f"{before}\nfrom django.core.management import call_command\n"
    script += f"call_command('dump', out={str(out)!r})\n{COUNT_ROWS}"
    counts = printed(uppsikt(database, "shell", "-c", script), "COUNTS")
    return out.read_text(encoding="utf-8"), counts


@pytest.mark.parametrize("release", sorted(RELEASES))
def test_an_upgrade_from_a_release_keeps_every_row(tmp_path: Path, release: str) -> None:
    """A database holding the example at the release's schema migrates forward intact.

    The data is written at today's schema (the code can only write that), taken back to the
    release's schema by the migrations' own reverse steps, then migrated forward again as an
    upgrade would: every table's rows and the dataset read back are as they were.
    """
    with scratch_database(tmp_path) as database:
        uppsikt(database, "migrate", "--verbosity", "0")
        uppsikt(database, "load", str(REPOSITORY / "examples" / "huddinge-ks-2023-t1"))
        before = dump_and_count(database, tmp_path / "before.yaml", EDIT)

        schema = RELEASES[release]
        back = f"import json\nSCHEMA = {schema!r}\n{BACK_TO}"
        assert printed(uppsikt(database, "shell", "-c", back), "APPLIED") == schema

        uppsikt(database, "migrate", "--verbosity", "0")
        assert dump_and_count(database, tmp_path / "after.yaml") == before


def test_a_database_is_built_from_empty_by_the_migrations_alone(tmp_path: Path) -> None:
    with scratch_database(tmp_path) as database:
        uppsikt(database, "migrate", "--verbosity", "0")
        assert "[ ]" not in uppsikt(database, "showmigrations", "--list")
        uppsikt(database, "load", str(REPOSITORY / "examples" / "huddinge-ks-2023-t1"))
        _, counts = dump_and_count(database, tmp_path / "dataset.yaml")
        assert counts["assignments_assignment"] == 24
