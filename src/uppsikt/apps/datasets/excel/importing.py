"""Importing a filled-in Excel template: all checked first, then the changed rows written.

The changed rows are written in one transaction through the apps' own services, as the person
who imports. The services check what the person may do (a reporter their units' assignments,
the controller the rest) and save each row only over the version it was exported at, so
history and versions work as for a change made in the web UI; the history names the person and
the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from uppsikt.apps.assignments import services as assignments
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.datasets.excel.current import find_scope, template_for
from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.datasets.queries import NotFoundError
from uppsikt.apps.economy import services as economy
from uppsikt.apps.economy.models import FinancialTable
from uppsikt.apps.goals import services as goals
from uppsikt.apps.goals.models import Indicator
from uppsikt.apps.internal_control import services as internal_control
from uppsikt.apps.internal_control.queries import KINDS, Found
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import PeriodClosedError, controls, require_open
from uppsikt.apps.tracking import StaleVersionError, change_reason
from uppsikt.apps.vocabularies.models import Status
from uppsikt.domain.indicators import Gender
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.excel.compare import Changes, FollowUpChange, compare
from uppsikt.importers.excel.read import read_workbook
from uppsikt.importers.excel.template import ItemKind


@dataclass
class ExcelImport:
    """What an import read and wrote (or, in a dry run, would write)."""

    file: str
    committee_year: CommitteeYear
    period: ReportingPeriod
    changes: Changes = field(default_factory=Changes)
    written: int = 0


def import_excel(
    data: bytes, name: str, user: AbstractBaseUser, *, dry_run: bool = False
) -> ExcelImport:
    """Check the workbook whole, then write the rows it changes as `user`; nothing on a fault.

    Raises ImportRefusedError with every problem found (each naming its sheet, row and column).
    """
    read, problems = read_workbook(data, name)
    if read is None:
        raise ImportRefusedError(problems)
    try:
        committee_year, period = find_scope(read.scope)
    except NotFoundError as error:
        where = Location(name, None, "Om!B3:B5")
        raise ImportRefusedError([*problems, Problem(where, str(error))]) from None
    current = template_for(committee_year, period, timezone.now())
    changes, found = compare(read, current, name)
    problems += found
    found_import = ExcelImport(name, committee_year, period, changes)
    if len(changes):
        problems += _permission_problems(user, found_import)
    if problems:
        raise ImportRefusedError(problems)
    if not dry_run and len(changes):
        with transaction.atomic(), change_reason(f"Excel-import {name}"), acting_as(user):
            found_import.written = _write(user, found_import)
    return found_import


@contextmanager
def acting_as(user: AbstractBaseUser) -> Iterator[None]:
    """Name `user` in the history of every change saved inside the block, as a request does."""
    context = HistoricalRecords.context
    before = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if before is None:
            del context.request
        else:
            context.request = before


def _permission_problems(user: AbstractBaseUser, found: ExcelImport) -> list[Problem]:
    """What `user` may not change among the changes (the services check again when saving)."""
    committee_year, changes = found.committee_year, found.changes
    try:
        require_open(committee_year, found.period)
    except PeriodClosedError as error:
        return [Problem(Location(found.file, None, "Om!B5"), str(error))]
    problems = []
    controller = controls(user, committee_year)
    codes = [c.code for c in changes.follow_ups if c.kind is ItemKind.ASSIGNMENT]
    reported = {
        row.code: assignments.may_report(user, row)
        for row in Assignment.objects.filter(committee_year=committee_year, code__in=codes)
    }
    for change in changes.follow_ups:
        if change.kind is ItemKind.ASSIGNMENT and not reported.get(change.code):
            message = "du får inte uppdatera det här uppdraget"
        elif change.kind is not ItemKind.ASSIGNMENT and not controller:
            message = "bara nämndens controller får uppdatera internkontrollen"
        else:
            continue
        problems.append(Problem(Location(found.file, None, change.place), message))
    if not controller:
        message = "bara nämndens controller får ändra indikatorvärden och prognoser"
        places = [change.place for change in changes.indicators]
        places += [change.place for change in changes.forecasts]
        problems += [Problem(Location(found.file, None, place), message) for place in places]
    return problems


def _write(user: AbstractBaseUser, found: ExcelImport) -> int:
    """Save every change (inside the caller's transaction); how many rows were written."""
    committee_year, period, changes = found.committee_year, found.period, found.changes
    written = 0
    for change in changes.follow_ups:
        with _refusing(found.file, change.place):
            _save_follow_up(user, committee_year, period, change)
        written += 1
    indicators = {
        row.code: row for row in Indicator.objects.filter(goal__committee_year=committee_year)
    }
    for value in changes.indicators:
        with _refusing(found.file, value.place):
            goals.set_indicator_value(
                indicators[value.code],
                value.year,
                Gender(value.gender),
                value.value,
                version=value.version,
                by=user,
            )
        written += 1
    tables = {
        table.key: table
        for table in FinancialTable.objects.filter(
            committee_year=committee_year, key__in={c.table for c in changes.forecasts}
        ).prefetch_related("rows", "columns")
    }
    for key, table in tables.items():
        entries = economy.Entries()
        places = []
        for forecast in changes.forecasts:
            if forecast.table == key:
                entries.shown[(forecast.row, forecast.column)] = forecast.value
                entries.versions[(forecast.row, forecast.column)] = forecast.version
                places.append(forecast.place)
        with _refusing(found.file, places[0]):
            written += economy.save_entries(user, table, period, entries)
    return written


def _save_follow_up(
    user: AbstractBaseUser,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    change: FollowUpChange,
) -> None:
    if change.kind is ItemKind.ASSIGNMENT:
        vocabulary = committee_year.assignment_statuses
    else:
        vocabulary = committee_year.control_statuses
    status = (
        Status.objects.get(vocabulary=vocabulary, code=change.status) if change.status else None
    )
    if change.kind is ItemKind.ASSIGNMENT:
        assignment = Assignment.objects.select_related("committee_year__assignment_statuses").get(
            committee_year=committee_year, code=change.code
        )
        assignments.update_follow_up(
            user,
            assignment,
            period,
            status=status,
            comment=change.comment,
            version=change.version,
        )
        return
    kind = KINDS[change.kind.value]
    item = kind.model.objects.filter(**{kind.year_path: committee_year, "code": change.code}).get()
    internal_control.update_follow_up(
        user,
        Found(kind, item, committee_year, period),
        status=status,
        comment=change.comment,
        version=change.version,
    )


@contextmanager
def _refusing(file: str, place: str) -> Iterator[None]:
    """Turn a service's refusal into ImportRefusedError naming the row (the transaction ends)."""
    try:
        yield
    except StaleVersionError:
        message = "raden ändrades i Uppsikt medan filen lästes in; läs in den igen"
        raise ImportRefusedError([Problem(Location(file, None, place), message)]) from None
    except (PermissionDenied, PeriodClosedError, ValueError) as error:
        raise ImportRefusedError([Problem(Location(file, None, place), str(error))]) from None
