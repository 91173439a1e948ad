"""`uppsikt import SOURCE …`: data from other systems, one source at a time.

The sources live with the app whose data they bring (see `datasets.exchange`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from uppsikt.apps.datasets.excel.sources import EXCEL
from uppsikt.apps.datasets.exchange import ImportSource
from uppsikt.apps.economy.erp import LEDGER
from uppsikt.apps.economy.sources import SIE
from uppsikt.apps.goals.sources import KOLADA
from uppsikt.apps.personnel.imports import HR

SOURCES: tuple[ImportSource, ...] = (SIE, LEDGER, HR, KOLADA, EXCEL)


class Command(BaseCommand):
    """Import data from another system."""

    help = "Läs in data från andra system: huvudbok, personaldata, Kolada, Excel-mallar."

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare each source and its arguments."""
        sources = parser.add_subparsers(dest="source", required=True, title="källor")
        for source in SOURCES:
            source.add_arguments(sources.add_parser(source.name, help=source.help))

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the source asked for."""
        source = next(source for source in SOURCES if source.name == options["source"])
        source.run(self, options)
