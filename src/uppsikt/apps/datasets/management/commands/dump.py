"""`uppsikt dump --out PATH`: write a year of the database in the dataset format."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.queries import NotFoundError, find_year
from uppsikt.apps.datasets.services import dataset_from_db
from uppsikt.importers.dataset import dump_dataset
from uppsikt.importers.dataset.parse import DATASET_FILE


class Command(BaseCommand):
    """Dump a dataset file."""

    help = "Skriv ut ett år ur databasen som dataset (YAML), i samma format som load läser."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument(
            "--out", required=True, help="filen att skriva, en mapp (får dataset.yaml) eller -"
        )
        parser.add_argument("--year", type=int, help="året; behövs om databasen har flera")
        parser.add_argument("--municipality", help="kommunens Kolada-id; behövs om flera finns")
        parser.add_argument(
            "--committee", action="append", default=[], help="bara denna nämnd (kan upprepas)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Read the year back and write it."""
        try:
            year = find_year(options["year"], options["municipality"])
        except NotFoundError as error:
            raise CommandError(str(error)) from error
        text = dump_dataset(dataset_from_db(year, tuple(options["committee"])))
        out: str = options["out"]
        if out == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(out)
        if path.is_dir():
            path = path / DATASET_FILE
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Skrev {year.municipality.name} {year.year} till {path}")
