"""The `uppsikt` command: Uppsikt's own commands first, every Django command available too."""

from __future__ import annotations

import os
import sys

import django
from django.core.management import execute_from_command_line, get_commands, load_command_class


def uppsikt_commands() -> dict[str, str]:
    """Uppsikt's own commands and their one-line help, by name."""
    commands: dict[str, str] = {}
    for name, app in sorted(get_commands().items()):
        if app.startswith("uppsikt."):
            commands[name] = str(load_command_class(app, name).help)
    return commands


def _overview() -> str:
    django.setup()
    lines = ["Användning: uppsikt KOMMANDO [argument]", "", "Uppsikts kommandon:"]
    lines += [f"  {name:<10} {text}" for name, text in uppsikt_commands().items()]
    lines += [
        "",
        "uppsikt KOMMANDO --help visar ett kommandos argument;",
        "uppsikt help --all listar även Djangos kommandon (migrate, createsuperuser …).",
        "Databasen väljs med DATABASE_URL; utan den används uppsikt.sqlite3 i arbetskatalogen.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run an `uppsikt` command."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "uppsikt"
    if len(argv) == 1 or argv[1:] in (["help"], ["-h"], ["--help"]):
        print(_overview())
        return
    if argv[1:] == ["help", "--all"]:
        argv = argv[:2]
    execute_from_command_line(argv)
