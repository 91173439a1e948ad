"""`uppsikt fetch kolada …`: save Kolada's values for the committee's indicators to files."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from uppsikt.apps.datasets.exchange import add_committee_year_arguments, committee_year_from
from uppsikt.apps.goals import kolada
from uppsikt.importers.kolada.client import DEFAULT_BASE_URL, KoladaError


def _kolada_arguments(parser: ArgumentParser) -> None:
    add_committee_year_arguments(parser)
    parser.add_argument("--out", type=Path, required=True, help="mappen sidorna sparas i")
    parser.add_argument(
        "--first-year",
        type=int,
        help="första året att hämta (annars två år före --year)",
    )
    parser.add_argument(
        "--base-url", default=DEFAULT_BASE_URL, help=f"Koladas API (förval {DEFAULT_BASE_URL})"
    )


class Command(BaseCommand):
    """Fetch data from another system and save it for `uppsikt import`."""

    help = "Hämta data från andra system och spara den för uppsikt import: Kolada."

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare each source and its arguments."""
        sources = parser.add_subparsers(dest="source", required=True, title="källor")
        _kolada_arguments(
            sources.add_parser(
                "kolada", help="nämndens nyckeltal från Koladas API, sparade som JSON"
            )
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Fetch the committee's KPIs and save the pages."""
        committee_year = committee_year_from(options)
        out: Path = options["out"]
        try:
            with kolada.new_client(options["base_url"]) as client:
                written = kolada.fetch_kolada(
                    committee_year, out, client, first_year=options["first_year"]
                )
        except (ValueError, KoladaError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sparade {len(written)} sidor från Kolada i {out}:")
        for path in written:
            self.stdout.write(f"  {path.name}")
        self.stdout.write(
            f"Läs in dem med: uppsikt import kolada {out} --committee "
            f"{options['committee']} --year {options['year']}"
        )
