"""`uppsikt serve`: the web UI on gunicorn, one worker process per core by default."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args: Any, **options: Any) -> None:
        """Replace this process with gunicorn's master, which starts the workers."""
        if options["workers"] < 1:
            raise CommandError("--workers måste vara minst 1")
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            "uppsikt.web.wsgi:application",
            f"--bind={options['bind']}",
            f"--workers={options['workers']}",
            f"--timeout={options['timeout']}",
            "--access-logfile=-",
        ]
        self.stdout.write(f"Uppsikt svarar på http://{options['bind']}/ (Ctrl+C avslutar).")
        self.stdout.flush()
        os.execv(sys.executable, arguments)  # noqa: S606  # our own interpreter and arguments
