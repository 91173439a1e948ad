"""The `uppsikt` command and the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from uppsikt.apps.datasets.demo import DEMO_USERS
from uppsikt.apps.periods.models import Year
from uppsikt.cli import main


def test_without_arguments_the_command_lists_uppsikts_commands(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["uppsikt"])
    out = capsys.readouterr().out
    assert out.startswith("Användning: uppsikt KOMMANDO")
    for command in ("load", "dump", "demo"):
        assert f"\n  {command} " in out


@pytest.mark.django_db
def test_the_demo_loads_the_example_once_and_prints_working_accounts() -> None:
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Läste in Huddinge kommun 2023" in out.getvalue()
    for user in DEMO_USERS:
        assert f"{user.username} " in out.getvalue()
        assert user.password in out.getvalue()
        assert authenticate(username=user.username, password=user.password) is not None

    again = StringIO()
    call_command("demo", "--no-serve", stdout=again)
    assert "finns redan i databasen" in again.getvalue()
    assert Year.objects.count() == 1
