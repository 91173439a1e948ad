"""`uppsikt import ledger`: a committee year's ledger from an ERP's CSV or XLSX export.

The file is read by `uppsikt.importers.tabular.ledger` into ledger rows and written by
`imports.write_ledger`, with the same guarantees as an SIE file: the months in the file replace
the same months, strict mode refuses any fault, a dry run writes nothing. A file that cannot be
read at all, or that holds a formula, is refused in every mode.
"""

from __future__ import annotations

from argparse import ArgumentParser
from dataclasses import dataclass
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
    refuse_faults,
)
from uppsikt.apps.datasets.tabular import add_layout_arguments, layout_from
from uppsikt.apps.economy.imports import LedgerImport, write_ledger
from uppsikt.apps.economy.sources import ledger_summary
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.economy.ledger import LedgerKind
from uppsikt.importers.tabular.layout import Layout
from uppsikt.importers.tabular.ledger import KIND_WORDS, read_ledger
from uppsikt.importers.tabular.table import TabularError


@dataclass
class TabularImport(LedgerImport):
    """A ledger import from a tabular export, with the data rows it read."""

    lines: int = 0
    sheet: str | None = None


def import_ledger(
    path: Path,
    committee_year: CommitteeYear,
    *,
    layout: Layout | None = None,
    strict: bool = False,
    dry_run: bool = False,
    name: str = "",
) -> TabularImport:
    """Import the export's outcome or budget for the committee's year into its ledger.

    Raises ImportRefusedError (nothing written) when the file cannot be read, holds a formula,
    or in strict mode has any fault; ValueError when the layout names an unknown field or kind.
    Problems name the file `name` (the path when empty).
    """
    layout = layout or Layout()
    kind = _kind(layout.kind)
    name = name or str(path)
    try:
        table = read_ledger(
            path,
            committee_year.year.year,
            options=layout.read,
            columns=layout.columns,
            kind=kind,
            name=name,
        )
    except TabularError as error:
        raise ImportRefusedError(error.problems) from None
    found = TabularImport(
        name,
        rows=table.rows,
        months=table.months,
        problems=table.problems,
        lines=table.lines,
        sheet=table.source.sheet,
    )
    refuse_faults(found.problems, strict=strict)
    write_ledger(committee_year, found, strict=strict, dry_run=dry_run)
    return found


def _kind(text: str | None) -> LedgerKind:
    if text is None:
        return LedgerKind.OUTCOME
    kind = KIND_WORDS.get(text.strip().casefold())
    if kind is None:
        raise ValueError(f"slaget {text!r} är varken utfall (outcome) eller budget")
    return kind


def _ledger_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="exporten, CSV eller XLSX")
    add_committee_year_arguments(parser)
    parser.add_argument(
        "--kind", choices=["outcome", "budget"], help="utfall (förval) eller budget"
    )
    add_layout_arguments(parser)
    add_mode_arguments(parser)


def _run_ledger(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path}: filen finns inte")
    committee_year = committee_year_from(options)
    layout = layout_from(options, kind=options["kind"])
    try:
        found = import_ledger(
            path,
            committee_year,
            layout=layout,
            strict=options["strict"],
            dry_run=options["dry_run"],
        )
    except ImportRefusedError as error:
        raise refuse(command, path, error.problems) from None
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None
    for line in export_summary(found, dry_run=options["dry_run"]):
        command.stdout.write(line)


def export_summary(found: TabularImport, *, dry_run: bool) -> list[str]:
    """The rows read, then `ledger_summary`: the lines the command and the upload page show."""
    sheet = f", bladet {found.sheet}" if found.sheet else ""
    lines = [f"{found.file}{sheet}: {found.lines} rader lästa."]
    return lines + ledger_summary(found, dry_run=dry_run)


LEDGER = ImportSource(
    "ledger",
    "huvudboken ur ett ekonomisystems export, CSV eller XLSX (Raindance, Unit4, Visma …)",
    _ledger_arguments,
    _run_ledger,
)
