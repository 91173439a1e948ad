"""`uppsikt export FORMAT …`: data for other programs, one format at a time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from uppsikt.apps.datasets.excel.sources import export_arguments, run_export

# Each format: its name, its help (Swedish), its arguments and what runs it.
FORMATS = {
    "excel": (
        "en Excel-mall för en nämnds period att fylla i och läsa in med import excel",
        export_arguments,
        run_export,
    ),
}


class Command(BaseCommand):
    """Export data for other programs."""

    help = "Skriv ut data för andra program: Excel-mallar att fylla i."

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare each format and its arguments."""
        formats = parser.add_subparsers(dest="format", required=True, title="format")
        for name, (text, arguments, _) in FORMATS.items():
            arguments(formats.add_parser(name, help=text))

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the format asked for."""
        FORMATS[options["format"]][2](self, options)
