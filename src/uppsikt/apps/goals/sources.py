"""`uppsikt import kolada`: indicator values from saved Kolada responses (`datasets.exchange`)."""

from __future__ import annotations

from argparse import ArgumentParser
from collections import Counter
from datetime import date
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
from uppsikt.apps.goals.kolada import KoladaImport, import_kolada
from uppsikt.domain.indicators import IndicatorValue, provenance_lines
from uppsikt.importers.kolada.saved import SOURCE


def iso_date(text: str) -> date:
    """A date written YYYY-MM-DD (for argparse)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' är inget datum; skriv ÅÅÅÅ-MM-DD") from None


def _kolada_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "path", type=Path, help="en sparad sida, en JSON-lista av sidor eller en mapp med sidor"
    )
    add_committee_year_arguments(parser)
    parser.add_argument(
        "--fetched",
        type=iso_date,
        metavar="ÅÅÅÅ-MM-DD",
        help="dagen svaren hämtades (annars tiden som sparats med varje sida)",
    )
    add_mode_arguments(parser)


def _run_kolada(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["path"]
    if not path.exists():
        raise CommandError(f"{path}: filen eller mappen finns inte")
    committee_year = committee_year_from(options)
    try:
        found = import_kolada(
            path,
            committee_year,
            fetched=options["fetched"],
            strict=options["strict"],
            dry_run=options["dry_run"],
        )
    except ImportRefusedError as error:
        raise refuse(command, path, error.problems) from None
    write_summary(command, path, found, dry_run=options["dry_run"])


def _counted(counts: Counter[str]) -> str:
    return ", ".join(f"{key} ({count})" for key, count in sorted(counts.items()))


def write_summary(command: BaseCommand, path: Path, found: KoladaImport, *, dry_run: bool) -> None:
    """What was read, what was written (or would be), what was left out, and every warning."""
    out = command.stdout
    out.write(f"{path}: {found.files} filer, {found.pages} sidor, {found.read} värden.")
    indicators = {
        indicator.pk
        for kpi, _, _ in found.selection.chosen
        for indicator in found.indicators.get(kpi, [])
    }
    verb = "Skulle skriva" if dry_run else "Skrev"  # a dry run writes nothing
    out.write(
        f"{verb} {found.written} indikatorvärden för {len(indicators)} indikatorer "
        f"({found.new} nya, {found.changed} ändrade, {found.unchanged} oförändrade); "
        f"{found.missing} saknar värde (null) och står som saknade."
    )
    for line in provenance_lines(
        IndicatorValue(0, None, source=SOURCE, fetched=day) for day in found.fetched
    ):
        out.write(f"{line}.")
    other_kpis, other_areas = found.selection.other_kpis, found.selection.other_areas
    if other_kpis:
        out.write(
            f"Inget av nämndens nyckeltal: {sum(other_kpis.values())} värden "
            f"({_counted(other_kpis)}); de lästes inte in."
        )
    if other_areas:
        out.write(
            f"Andra kommuner eller enheter: {sum(other_areas.values())} värden "
            f"({_counted(other_areas)}); de lästes inte in."
        )
    for kpi in found.selection.missing(found.indicators):
        named = ", ".join(indicator.code for indicator in found.indicators[kpi])
        out.write(f"Inga värden i svaren för {kpi} (indikator {named}).")
    for problem in found.problems:
        out.write(f"Varning: {problem}")


KOLADA = ImportSource(
    "kolada",
    "indikatorvärden ur sparade svar från Koladas API (se uppsikt fetch kolada)",
    _kolada_arguments,
    _run_kolada,
)
