"""`uppsikt check`: Uppsikt's checks of a committee's period, or Django's system checks.

With `--committee` and `--period` it lists every finding in the data and the texts; without,
it is Django's own `check` (used by `make check`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import check

from uppsikt.apps.checks.services import findings_for
from uppsikt.apps.datasets.queries import NotFoundError
from uppsikt.domain.checks import Finding
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError, Severity


class Command(check.Command):
    """Check a committee's period (or, without a committee, the installation)."""

    help = (
        "Kontrollera en nämnds period: summor, ram, prognoser, statusar och siffror i texter "
        "(--committee KOD --period ÅÅÅÅ-TN); utan --committee Djangos systemkontroller."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare Django's arguments and ours."""
        super().add_arguments(parser)
        parser.add_argument("--committee", help="nämndens kod, t.ex. KS")
        parser.add_argument("--period", help="perioden, t.ex. 2023-T1")
        parser.add_argument("--municipality", help="kommunens Kolada-id, om flera finns")
        parser.add_argument("--json", action="store_true", help="skriv fynden som JSON")
        parser.add_argument(
            "--text",
            action="append",
            default=[],
            metavar="AVSNITT=FIL",
            help="jämför en skriven version av ett textavsnitt med data (kan upprepas)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run Uppsikt's checks, or Django's when no committee is named."""
        if not options["committee"] and not options["period"]:
            super().handle(*args, **options)
            return
        if not options["committee"] or not options["period"]:
            raise CommandError("ange både --committee och --period")
        try:
            period = PeriodKey.parse(options["period"])
            findings = findings_for(
                options["committee"], period, options["municipality"], self._typed(options["text"])
            )
        except (DomainError, NotFoundError) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps([item.as_dict() for item in findings], ensure_ascii=False, indent=2)
            )
        else:
            self._print(findings)
        errors = sum(1 for item in findings if item.severity is Severity.ERROR)
        if errors:
            raise CommandError(f"{errors} fel", returncode=1)

    def _typed(self, pairs: list[str]) -> dict[str, str]:
        typed = {}
        for pair in pairs:
            key, _, file = pair.partition("=")
            if not file:
                raise CommandError(f"--text väntar AVSNITT=FIL, fick '{pair}'")
            try:
                typed[key] = Path(file).read_text(encoding="utf-8")
            except OSError as error:
                raise CommandError(f"kan inte läsa {file}: {error}") from error
        return typed

    def _print(self, findings: list[Finding]) -> None:
        for item in findings:
            line = f"{item.severity.value:<7} {item.code:<34} {item.place}: {item.message}"
            if item.expected or item.found:
                line += f" (väntat {item.expected or '–'}, angivet {item.found or '–'})"
            self.stdout.write(line)
        errors = sum(1 for item in findings if item.severity is Severity.ERROR)
        self.stdout.write(f"{len(findings)} fynd, varav {errors} fel.")
