"""`uppsikt demo`: set up the local database with the example and serve the web UI."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.demo import EXAMPLE, ensure_demo_users, ensure_example


class Command(BaseCommand):
    """Run the demo."""

    help = "Skapa den lokala databasen, läs in exemplet, skapa demoanvändare och starta webben."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument(
            "--no-serve", action="store_true", help="gör allt utom att starta webben"
        )
        parser.add_argument("--dataset", type=Path, default=EXAMPLE, help="datasetet att läsa in")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="adress och port för webben")

    def handle(self, *args: Any, **options: Any) -> None:
        """Migrate, load, create users, serve."""
        call_command("migrate", verbosity=0, interactive=False)
        try:
            message, kolada_id = ensure_example(options["dataset"])
            self.stdout.write(message)
            users = ensure_demo_users(kolada_id)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Demoanvändare (användarnamn / lösenord):")
        for user, description in users:
            self.stdout.write(f"  {user.username:<12} {user.password:<24} {description}")
        if options["no_serve"]:
            return
        self.stdout.write(f"Öppna http://{options['addr']}/ och logga in. Avsluta med Ctrl+C.")
        call_command("runserver", options["addr"], use_reloader=False)
