"""The sources `uppsikt import` reads, and what their command lines share.

Each source (an SIE file, an ERP export, HR figures, Kolada responses, an Excel workbook) lives
with the app whose data it brings and is listed in `management/commands/import.py`. A source
declares its arguments and runs: it reads and validates the whole input first, writes in one
transaction or not at all, and raises `CommandError` naming the file, line and field.
"""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from uppsikt.apps.datasets.queries import NotFoundError, find_committee_year
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain.problems import Problem, Severity


class ImportRefusedError(Exception):
    """The input was not imported; nothing was written. Carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} fel eller varningar; inget har skrivits")
        self.problems = problems


def refuse_faults(problems: list[Problem], *, strict: bool) -> None:
    """Raise ImportRefusedError at any error, and in strict mode at any problem at all.

    Tolerant mode imports what it can beside warnings; an error (a file that cannot be read, a
    formula) refuses the input in every mode.
    """
    if (strict and problems) or any(problem.severity is Severity.ERROR for problem in problems):
        raise ImportRefusedError(problems)


@dataclass(frozen=True)
class ImportSource:
    """One kind of input to `uppsikt import NAME`."""

    name: str
    help: str  # Swedish, shown by `uppsikt import --help`
    add_arguments: Callable[[ArgumentParser], None]
    run: Callable[[BaseCommand, dict[str, Any]], None]


def add_committee_year_arguments(parser: ArgumentParser) -> None:
    """`--committee CODE --year YYYY [--municipality KOLADA-ID]`: the year to import into."""
    parser.add_argument("--committee", required=True, help="nämndens kod, t.ex. KS")
    parser.add_argument("--year", type=int, required=True, help="året att läsa in, t.ex. 2023")
    parser.add_argument("--municipality", help="kommunens Kolada-id, när databasen har flera")


def add_mode_arguments(parser: ArgumentParser) -> None:
    """`--strict` and `--dry-run`, as every source understands them."""
    parser.add_argument("--strict", action="store_true", help="vägra hela filen vid minsta fel")
    parser.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras")


def committee_year_from(options: dict[str, Any]) -> CommitteeYear:
    """The committee year the options name; CommandError when there is none or several."""
    try:
        return find_committee_year(options["committee"], options["year"], options["municipality"])
    except NotFoundError as error:
        raise CommandError(str(error)) from error


def refuse(command: BaseCommand, what: object, problems: Iterable[Problem]) -> CommandError:
    """Each problem on stderr; the error that says nothing was written."""
    count = 0
    for problem in problems:
        command.stderr.write(str(problem))
        count += 1
    return CommandError(f"{what}: {count} fel eller varningar; inget har skrivits")
