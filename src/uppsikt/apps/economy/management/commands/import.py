"""`uppsikt import sie FILE`: an ekonomisystem's SIE file into a committee year's ledger."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from uppsikt.apps.economy.imports import KIND_NAMES, ImportRefusedError, SieImport, import_sie
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.formatting import format_number


class Command(BaseCommand):
    """Import ledger data."""

    help = "Läs in huvudboken ur en SIE-fil (utfall och budget per månad, konto och objekt)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the sources and their arguments."""
        assert isinstance(parser, CommandParser)
        sources = parser.add_subparsers(dest="source", required=True, title="källor")
        sie = sources.add_parser("sie", help="en SIE-fil, typ 1–4 (4E eller 4I)")
        sie.add_argument("file", type=Path, help="SIE-filen")
        sie.add_argument("--committee", required=True, help="nämndens kod, t.ex. KS")
        sie.add_argument("--year", type=int, required=True, help="året att läsa in, t.ex. 2023")
        sie.add_argument("--kommun", help="kommunens Kolada-id, när databasen har flera")
        sie.add_argument(
            "--dimension",
            action="append",
            default=[],
            metavar="DIM=NAMN",
            help="SIE-dimension (nummer eller namn) = huvudbokens dimension, t.ex. 20=verksamhet",
        )
        sie.add_argument("--strict", action="store_true", help="vägra hela filen vid minsta fel")
        sie.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras")

    def handle(self, *args: Any, **options: Any) -> None:
        """Import the file and say what was done."""
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: filen finns inte")
        committee_year = self._committee_year(options)
        dimensions = {}
        for pair in options["dimension"]:
            key, sep, value = pair.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise CommandError(f"--dimension {pair!r}: skriv t.ex. 20=verksamhet")
            dimensions[key.strip()] = value.strip()
        try:
            found = import_sie(
                path,
                committee_year,
                dimensions=dimensions,
                strict=options["strict"],
                dry_run=options["dry_run"],
            )
        except ImportRefusedError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{path}: {error}") from None
        except ValueError as error:
            raise CommandError(f"{path}: {error}") from None
        self._summary(found, dry_run=options["dry_run"])

    def _committee_year(self, options: dict[str, Any]) -> CommitteeYear:
        years = CommitteeYear.objects.filter(
            committee__code=options["committee"], year__year=options["year"]
        )
        if options["kommun"]:
            years = years.filter(committee__municipality__kolada_id=options["kommun"])
        found = list(years.select_related("committee", "year")[:2])
        if len(found) != 1:
            where = "flera kommuner; ange --kommun" if found else "databasen"
            missing = "finns i" if found else "saknas i"
            raise CommandError(
                f"nämnden {options['committee']} år {options['year']} {missing} {where}"
            )
        return found[0]

    def _summary(self, found: SieImport, *, dry_run: bool) -> None:
        verb = "Skulle skriva" if dry_run else "Skrev"  # a dry run writes nothing
        self.stdout.write(
            f"{found.file}: {found.vouchers} verifikationer, {found.transactions} transaktioner; "
            f"{verb.lower()} {len(found.rows)} huvudboksrader och ersätta "
            f"{found.removed} rader för samma månader."
        )
        if found.checksum is not None:
            self.stdout.write(f"#KSUMMA {'stämmer' if found.checksum else 'stämmer inte'}.")
        for (kind, account_class), amount in found.totals().items():
            self.stdout.write(
                f"  {KIND_NAMES[kind]}, kontoklass {account_class}: {format_number(amount, 2)} kr"
            )
        for problem in found.problems:
            self.stdout.write(f"Varning: {problem}")
