"""`uppsikt import excel` and `uppsikt export excel`: their arguments and what they print."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uppsikt.apps.datasets.excel.current import template_for
from uppsikt.apps.datasets.excel.importing import ExcelImport, import_excel
from uppsikt.apps.datasets.exchange import ImportRefusedError, ImportSource, refuse
from uppsikt.apps.datasets.queries import NotFoundError, find_period_year
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.importers.excel.read import MAX_FILE_BYTES
from uppsikt.importers.excel.template import FOLLOW_UP_SHEETS
from uppsikt.importers.excel.write import write_workbook


def _import_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="den ifyllda Excel-mallen (.xlsx)")
    parser.add_argument(
        "--user",
        required=True,
        help="användarnamnet vars behörighet gäller och som står i historiken",
    )
    parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras")


def _run_import(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path}: filen finns inte")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise CommandError(f"{path}: filen är större än {MAX_FILE_BYTES} byte")
    user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
    if user is None:
        raise CommandError(f"ingen aktiv användare heter {options['user']}")
    dry_run = options["dry_run"]
    try:
        found = import_excel(path.read_bytes(), str(path), user, dry_run=dry_run)
    except ImportRefusedError as error:
        raise refuse(command, path, error.problems) from None
    for line in excel_summary(found, dry_run=dry_run):
        command.stdout.write(line)


def excel_summary(found: ExcelImport, *, dry_run: bool) -> list[str]:
    """Each changed row by its cell, then how many rows were (or would be) written."""
    changes = found.changes
    lines = [
        f"{follow_up.place} {follow_up.code}: {', '.join(follow_up.fields)}"
        for follow_up in changes.follow_ups
    ]
    lines += [
        f"{value.place} {value.code} {value.year} {value.gender}: värde"
        for value in changes.indicators
    ]
    lines += [
        f"{forecast.place} {forecast.table} {forecast.row}: prognos"
        for forecast in changes.forecasts
    ]
    scope = f"{found.committee_year.committee.code} {found.period.key}"
    verb = "Skulle skriva" if dry_run else "Skrev"
    lines.append(
        f"{scope}: {verb} {len(changes)} ändrade rader; {changes.unchanged} rader var oförändrade."
    )
    return lines


EXCEL = ImportSource(
    "excel",
    "statusar, kommentarer, indikatorvärden och prognoser ur en ifylld Excel-mall",
    _import_arguments,
    _run_import,
)


def export_arguments(parser: ArgumentParser) -> None:
    """`--committee CODE --period YYYY-TN [--municipality ID] --out FILE.xlsx`."""
    parser.add_argument("--committee", required=True, help="nämndens kod, t.ex. KS")
    parser.add_argument("--period", required=True, help="perioden, t.ex. 2023-T1")
    parser.add_argument("--municipality", help="kommunens Kolada-id, när databasen har flera")
    parser.add_argument(
        "--out", required=True, type=Path, help="filen att skriva (.xlsx), eller en mapp"
    )


def run_export(command: BaseCommand, options: dict[str, Any]) -> None:
    """Write the committee's period as an Excel template."""
    code: str = options["committee"]
    try:
        key = PeriodKey.parse(options["period"])
        year = find_period_year(code, key, options["municipality"])
    except (DomainError, NotFoundError) as error:
        raise CommandError(str(error)) from error
    committee_year = year.committee_years.select_related("committee__municipality").get(
        committee__code=code
    )
    period = year.periods.get(kind=key.kind.value, month=key.month)
    template = template_for(committee_year, period, timezone.localtime())
    out: Path = options["out"]
    if out.is_dir():
        out = out / f"{code}-{key}.xlsx"
    out.write_bytes(write_workbook(template))
    counts = [
        f"{sum(1 for row in template.follow_ups if row.kind is kind)} {sheet.name.lower()}"
        for kind, sheet in FOLLOW_UP_SHEETS.items()
    ]
    counts += [
        f"{len(template.indicators)} indikatorvärden",
        f"{len(template.forecasts)} prognoser",
    ]
    command.stdout.write(f"Skrev {out}: {', '.join(counts)}.")
