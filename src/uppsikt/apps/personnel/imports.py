"""`uppsikt import hr`: a committee year's headcount, turnover and sick leave from an HR export.

The file is read by `uppsikt.importers.tabular.hr`. Each figure the file gives for a month
replaces that figure's values of the same month (every gender; for the whole administration,
not a unit's; sick leave per length and basis), in one transaction and with
history. In strict mode any fault refuses the file; a file that cannot be read, or holds a
formula, is refused in every mode; a dry run says what would change and writes nothing.
"""

from __future__ import annotations

from argparse import ArgumentParser
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models import Q

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
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.personnel import models as personnel
from uppsikt.apps.tracking import change_reason
from uppsikt.domain.personnel import SickLeaveBasis
from uppsikt.domain.problems import Problem
from uppsikt.importers.tabular.hr import FIGURES, SICK_LEAVE, HrTable, Month, read_hr
from uppsikt.importers.tabular.layout import Layout
from uppsikt.importers.tabular.table import TabularError

# Each figure as the summary names it.
FIGURE_NAMES = {
    "headcount": "antal anställda",
    "turnover": "personalomsättning",
    "sick_leave": "sjukfrånvaro",
    "sick_leave_short": "sjukfrånvaro 1–14 dagar",
    "sick_leave_over_14": "sjukfrånvaro 15– dagar",
    "sick_leave_long": "sjukfrånvaro över 180 dagar",
}


@dataclass
class HrImport:
    """What an HR import read, what it wrote (or would write), and what it found on the way."""

    file: str
    table: HrTable
    removed: dict[str, int] = field(default_factory=dict)  # figure → values replaced
    written: dict[str, int] = field(default_factory=dict)  # figure → values written

    @property
    def problems(self) -> list[Problem]:
        """The problems found reading the file."""
        return self.table.problems

    def values(self, figure: str) -> int:
        """How many values of a figure the file gives."""
        if figure == "headcount":
            return len(self.table.headcount)
        if figure == "turnover":
            return len(self.table.turnover)
        length = SICK_LEAVE[figure]
        return sum(item.length is length for item in self.table.sick_leave)


def import_hr(
    path: Path,
    committee_year: CommitteeYear,
    *,
    layout: Layout | None = None,
    basis: SickLeaveBasis = SickLeaveBasis.MONTH,
    strict: bool = False,
    dry_run: bool = False,
    name: str = "",
) -> HrImport:
    """Import the export's figures for the committee's year, each month's replacing the same.

    Raises ImportRefusedError (nothing written) when the file cannot be read, holds a formula,
    or in strict mode has any fault; ValueError when the layout names an unknown field.
    Problems name the file `name` (the path when empty).
    """
    layout = layout or Layout()
    name = name or str(path)
    try:
        table = read_hr(
            path,
            committee_year.year.year,
            options=layout.read,
            columns=layout.columns,
            basis=basis,
            name=name,
        )
    except TabularError as error:
        raise ImportRefusedError(error.problems) from None
    found = HrImport(name, table)
    refuse_faults(table.problems, strict=strict)
    replaced = {
        figure: _replaced(committee_year, figure, months, basis)
        for figure, months in table.months.items()
    }
    if dry_run:
        found.removed = {figure: rows.count() for figure, rows in replaced.items()}
        return found
    with transaction.atomic(), change_reason(f"Inläsning av personaldata ur {Path(name).name}"):
        for figure, rows in replaced.items():
            found.removed[figure] = rows.delete()[1].get(rows.model._meta.label, 0)
        _write(committee_year, table)
    found.written = {figure: found.values(figure) for figure in table.months}
    return found


def _replaced(
    committee_year: CommitteeYear, figure: str, months: set[Month], basis: SickLeaveBasis
) -> models.QuerySet[Any]:
    if figure in ("headcount", "turnover"):
        model: type[models.Model] = (
            personnel.Headcount if figure == "headcount" else personnel.Turnover
        )
        within = Q(pk__in=[])
        for year, month in months:
            within |= Q(date__year=year, date__month=month)
        return model._default_manager.filter(
            within, committee_year=committee_year, unit__isnull=True
        )
    return personnel.SickLeave.objects.filter(
        committee_year=committee_year,
        length=SICK_LEAVE[figure].value,
        basis=basis.value,
        month__in=[date(year, month, 1) for year, month in months],
    )


def _write(committee_year: CommitteeYear, table: HrTable) -> None:
    for headcount in table.headcount:
        personnel.Headcount.objects.create(
            committee_year=committee_year,
            date=headcount.date,
            count=headcount.count,
            gender=headcount.gender.value,
        )
    for turnover in table.turnover:
        personnel.Turnover.objects.create(
            committee_year=committee_year,
            date=turnover.date,
            percent=turnover.percent,
            gender=turnover.gender.value,
        )
    for entry in table.sick_leave:
        personnel.SickLeave.objects.create(
            committee_year=committee_year,
            month=entry.month,
            percent=entry.percent,
            gender=entry.gender.value,
            length=entry.length.value,
            basis=entry.basis.value,
        )


def _hr_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="exporten, CSV eller XLSX")
    add_committee_year_arguments(parser)
    parser.add_argument(
        "--sick-leave-basis",
        choices=[item.value for item in SickLeaveBasis],
        default=SickLeaveBasis.MONTH.value,
        help="sjukfrånvaron gäller månaden (month, förval) eller tolv månader till den (rolling_12)",
    )
    add_layout_arguments(parser)
    add_mode_arguments(parser)


def _run_hr(command: BaseCommand, options: dict[str, Any]) -> None:
    path: Path = options["file"]
    if not path.is_file():
        raise CommandError(f"{path}: filen finns inte")
    committee_year = committee_year_from(options)
    layout = layout_from(options)
    dry_run = options["dry_run"]
    try:
        found = import_hr(
            path,
            committee_year,
            layout=layout,
            basis=SickLeaveBasis(options["sick_leave_basis"]),
            strict=options["strict"],
            dry_run=dry_run,
        )
    except ImportRefusedError as error:
        raise refuse(command, path, error.problems) from None
    except ValueError as error:
        raise CommandError(f"{path}: {error}") from None
    for line in hr_summary(found, dry_run=dry_run):
        command.stdout.write(line)


def hr_summary(found: HrImport, *, dry_run: bool) -> list[str]:
    """The rows read, each figure's values written (or that would be) and replaced, warnings."""
    lines = [f"{found.file}: {found.table.lines} rader lästa."]
    verb, replaced = ("skulle skriva", "skulle ersätta") if dry_run else ("skrev", "ersatte")
    if not found.table.months:
        lines.append("Filen har inga värden för året.")
    for figure in FIGURES:
        months = found.table.months.get(figure)
        if months:
            lines.append(
                f"{FIGURE_NAMES[figure].capitalize()}: {verb} {found.values(figure)} värden "
                f"för {len(months)} månader och {replaced} {found.removed.get(figure, 0)}."
            )
    return lines + [f"Varning: {problem}" for problem in found.problems]


HR = ImportSource(
    "hr",
    "personaldata ur en export: antal anställda, personalomsättning, sjukfrånvaro per kön",
    _hr_arguments,
    _run_hr,
)
