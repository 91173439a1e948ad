"""`uppsikt backup --out FILE`: the whole database and the uploaded files in one archive."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.backup import write_backup


class Command(BaseCommand):
    """Back up everything."""

    help = "Säkerhetskopiera hela databasen och de uppladdade filerna till ett arkiv (tar)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument("--out", required=True, type=Path, help="arkivet att skriva (.tar)")

    def handle(self, *args: Any, **options: Any) -> None:
        """Write the archive and say what it holds."""
        out: Path = options["out"]
        if out.exists():
            raise CommandError(f"{out} finns redan; välj ett nytt filnamn (inget skrevs)")
        if not out.parent.is_dir():
            raise CommandError(f"mappen {out.parent} finns inte (inget skrevs)")
        progress = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        manifest = write_backup(out, progress)
        rows = sum(table.rows for table in manifest.tables)
        self.stdout.write(
            f"Skrev {out}: {rows} rader i {len(manifest.tables)} tabeller och "
            f"{len(manifest.files)} uppladdade filer ({manifest.database_vendor}, "
            f"Uppsikt {manifest.uppsikt_version}, {manifest.created_at})."
        )
