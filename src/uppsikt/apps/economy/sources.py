"""`uppsikt import sie`: the ledger sources of `uppsikt import` (see `datasets.exchange`)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.exchange import (
    ImportRefusedError,
    ImportSource,
    add_committee_year_arguments,
    add_mode_arguments,
    committee_year_from,
    refuse,
)
from uppsikt.apps.economy.imports import KIND_NAMES, LedgerImport, SieImport, import_sie
from uppsikt.apps.economy.progress import LARGE_FILE, ProgressPrinter
from uppsikt.domain.formatting import format_number


def _sie_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="SIE-filen")
    add_committee_year_arguments(parser)
    parser.add_argument(
        "--dimension",
        action="append",
        default=[],
        metavar="DIM=NAMN",
        help="SIE-dimension (nummer eller namn) = huvudbokens dimension, t.ex. 20=verksamhet",
    )
    add_mode_arguments(parser)


def _run_sie(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path}: filen finns inte")
    committee_year = committee_year_from(options)
    dimensions = {}
    for pair in options["dimension"]:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise CommandError(f"--dimension {pair!r}: skriv t.ex. 20=verksamhet")
        dimensions[key.strip()] = value.strip()
    # A large file tells how far it has come on stderr; stdout keeps the summary alone.
    large = path.stat().st_size >= LARGE_FILE
    try:
        found = import_sie(
            path,
            committee_year,
            dimensions=dimensions,
            strict=options["strict"],
            dry_run=options["dry_run"],
            progress=ProgressPrinter(command.stderr.write, str(path)) if large else None,
        )
    except ImportRefusedError as error:
        raise refuse(command, path, error.problems) from None
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None
    for line in sie_summary(found, dry_run=options["dry_run"]):
        command.stdout.write(line)


def sie_summary(found: SieImport, *, dry_run: bool) -> list[str]:
    """What an SIE import read, then `ledger_summary`: the lines the command and page show."""
    lines = [f"{found.file}: {found.vouchers} verifikationer, {found.transactions} transaktioner."]
    if found.checksum is not None:
        lines.append(f"#KSUMMA {'stämmer' if found.checksum else 'stämmer inte'}.")
    return lines + ledger_summary(found, dry_run=dry_run)


def ledger_summary(found: LedgerImport, *, dry_run: bool) -> list[str]:
    """Rows written (or that would be), rows replaced, totals per account class, warnings."""
    verb = "skulle skriva" if dry_run else "skrev"  # a dry run writes nothing
    lines = [
        (
            f"{verb.capitalize()} {len(found.rows)} huvudboksrader och "
            f"{'skulle ersätta' if dry_run else 'ersatte'} {found.removed} rader för samma månader."
        )
    ]
    for (kind, account_class), amount in found.totals().items():
        lines.append(
            f"  {KIND_NAMES[kind]}, kontoklass {account_class}: {format_number(amount, 2)} kr"
        )
    return lines + [f"Varning: {problem}" for problem in found.problems]


def write_summary(command: BaseCommand, found: LedgerImport, *, dry_run: bool) -> None:
    """`ledger_summary` on the command's output."""
    for line in ledger_summary(found, dry_run=dry_run):
        command.stdout.write(line)


SIE = ImportSource(
    "sie", "huvudboken ur en SIE-fil, typ 1–4 (4E eller 4I)", _sie_arguments, _run_sie
)
