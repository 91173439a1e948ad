"""`uppsikt load PATH`: validate a dataset file and, only if it has no fault, write it."""

from __future__ import annotations

from argparse import ArgumentParser
from getpass import getuser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.services import DatasetConflictError, load_dataset
from uppsikt.importers.dataset import read_dataset


class Command(BaseCommand):
    """Load a dataset file."""

    help = "Läs in ett dataset (YAML): allt kontrolleras först, och vid minsta fel skrivs inget."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument("path", type=Path, help="datasetfilen, eller en mapp med dataset.yaml")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="ersätt året om databasen redan har det (ändringarna sparas i historiken)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Validate, then write in one transaction."""
        path: Path = options["path"]
        dataset, problems = read_dataset(path)
        for problem in problems:
            self.stderr.write(str(problem))
        if dataset is None:
            raise CommandError(f"{len(problems)} fel i {path}; inget skrevs till databasen.")
        call_command("migrate", verbosity=0, interactive=False)
        try:
            summary = load_dataset(
                dataset, replace=options["replace"], reason=f"uppsikt load {path} ({getuser()})"
            )
        except DatasetConflictError as error:
            raise CommandError(f"{error}. Inget skrevs till databasen.") from error
        action = "Ersatte" if summary.replaced else "Läste in"
        self.stdout.write(
            f"{action} {summary.municipality} {summary.year}: "
            f"{', '.join(summary.committees)} från {path}"
        )
