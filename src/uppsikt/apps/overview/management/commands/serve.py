"""`uppsikt serve`: the web UI on gunicorn, one worker process per core by default."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from uppsikt.apps.migrated import missing_migrations

# Uppsikt's pages spend their time computing, not waiting: a worker per core keeps each request
# on a core of its own, and those that come meanwhile wait their turn in the queue.
WORKERS = os.cpu_count() or 2


class Command(BaseCommand):
    """Serve the site with gunicorn's worker processes."""

    help = "Starta webben med gunicorn (en process per kärna); databasen väljs med DATABASE_URL."

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the arguments."""
        parser.add_argument("--bind", default="127.0.0.1:8000", help="adress och port att svara på")
        parser.add_argument(
            "--workers", type=int, default=WORKERS, help=f"antal processer ({WORKERS} här)"
        )
        parser.add_argument(
            "--timeout", type=int, default=120, help="sekunder innan en hängd process startas om"
        )
        parser.add_argument(
            "--max-requests",
            type=int,
            default=2000,
            help="en process byts mot en ny efter så många anrop (0: aldrig)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Replace this process with gunicorn's master, which starts the workers."""
        if options["workers"] < 1:
            raise CommandError("--workers måste vara minst 1")
        _require_migrated()
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            "uppsikt.web.wsgi:application",
            f"--bind={options['bind']}",
            f"--workers={options['workers']}",
            f"--timeout={options['timeout']}",
            # Replaced one at a time, with jitter so that they never all restart at once:
            # whatever memory a long-lived process gathers is given back.
            f"--max-requests={options['max_requests']}",
            f"--max-requests-jitter={options['max_requests'] // 10}",
            "--graceful-timeout=30",
            "--access-logfile=-",
        ]
        self.stdout.write(f"Uppsikt svarar på http://{options['bind']}/ (Ctrl+C avslutar).")
        self.stdout.flush()
        os.execv(sys.executable, arguments)  # noqa: S606  # our own interpreter and arguments


def _require_migrated() -> None:
    """Refuse to serve a database that cannot be reached or lacks the code's migrations."""
    try:
        missing = missing_migrations()
    except DatabaseError as error:
        raise CommandError(f"Databasen svarar inte: {error}") from error
    if missing:
        raise CommandError(
            f"Databasen saknar {len(missing)} migreringar (den första: {missing[0]}); "
            "kör `uppsikt migrate` först"
        )
