"""`uppsikt restore FILE`: an archive from `uppsikt backup` into an empty, migrated database."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.restore import RestoreRefusedError, check_archive, restore_backup


class Command(BaseCommand):
    """Restore everything."""

    help = "Återställ en säkerhetskopia till en tom, migrerad databas; allt kontrolleras först."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument("file", type=Path, help="arkivet som uppsikt backup skrev")
        parser.add_argument(
            "--check",
            action="store_true",
            help="kontrollera bara arkivet (SHA-256, manifest, migreringar); skriv inget",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Verify, then restore in one transaction."""
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} finns inte eller är ingen fil; inget har skrivits")
        progress = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        try:
            manifest = check_archive(path) if options["check"] else restore_backup(path, progress)
        except RestoreRefusedError as error:
            raise CommandError(str(error)) from error
        rows = sum(table.rows for table in manifest.tables)
        done = "är helt och passar den här versionen" if options["check"] else "är återställt"
        self.stdout.write(
            f"{path} {done}: {rows} rader i {len(manifest.tables)} tabeller och "
            f"{len(manifest.files)} uppladdade filer (gjort {manifest.created_at} av "
            f"Uppsikt {manifest.uppsikt_version} från {manifest.database_vendor})."
        )
