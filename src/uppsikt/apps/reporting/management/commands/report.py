"""`uppsikt report`: a committee's report for a period as PDF/UA, DOCX, HTML (and JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from uppsikt.apps.datasets.queries import NotFoundError, find_period_year
from uppsikt.apps.reporting.services import FORMATS, render, report_document
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.reports.build import ReportError
from uppsikt.reports.render.docx import TemplateError


class Command(BaseCommand):
    """Write a committee's report."""

    help = (
        "Skriv en nämnds rapport för en period som PDF/UA, Word och HTML (och dokumentet som JSON)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the arguments."""
        parser.add_argument("--committee", required=True, help="nämndens kod, t.ex. KS")
        parser.add_argument("--period", required=True, help="perioden, t.ex. 2023-T1")
        parser.add_argument(
            "--format", default="pdf,docx,html", help="kommaseparerat: pdf, docx, html, json"
        )
        parser.add_argument(
            "--out", type=Path, default=Path(), help="mappen att skriva i (skapas vid behov)"
        )
        parser.add_argument("--municipality", help="kommunens Kolada-id, om flera finns")
        parser.add_argument("--docx-template", type=Path, help="en Word-mall med egna formatmallar")

    def handle(self, *args: Any, **options: Any) -> None:
        """Build the document once and render it in every format asked for."""
        formats = [item.strip() for item in options["format"].split(",") if item.strip()]
        unknown = [item for item in formats if item not in FORMATS]
        if unknown or not formats:
            raise CommandError(
                f"okänt format {', '.join(unknown)}; välj bland {', '.join(FORMATS)}"
            )
        template: Path | None = options["docx_template"]
        if template is not None and not template.is_file():
            raise CommandError(f"Word-mallen {template} finns inte")
        committee = options["committee"]
        try:
            period = PeriodKey.parse(options["period"])
            year = find_period_year(committee, period, options["municipality"])
            document = report_document(year, committee, period)
            # Every format is rendered before any is written: a failure writes nothing.
            outputs = {format_: render(document, format_, template) for format_ in formats}
        except (DomainError, NotFoundError, ReportError, TemplateError) as error:
            raise CommandError(str(error)) from error
        out: Path = options["out"]
        out.mkdir(parents=True, exist_ok=True)
        for format_, content in outputs.items():
            path = out / f"{committee}-{period}.{format_}"
            path.write_bytes(content)
            self.stdout.write(f"Skrev {path}")
