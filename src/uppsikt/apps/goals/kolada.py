"""Kolada values for a committee's indicators: fetched and saved, then imported from the files.

`fetch_kolada` asks Kolada for the KPIs the committee's indicators name (source `kolada:KPI`)
for its municipality and saves the pages as served (see `uppsikt.importers.kolada.saved`).
`import_kolada` reads saved pages and sets each indicator's values by KPI, year and gender,
with the source "Kolada" and the fetch date, in one transaction. A `null` stays a missing
value. In strict mode any fault refuses the files; a dry run writes nothing. Both are behind
`uppsikt fetch kolada` and `uppsikt import kolada`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from uppsikt.apps.datasets.exchange import ImportRefusedError, refuse_faults
from uppsikt.apps.goals.models import Indicator, IndicatorValue
from uppsikt.apps.goals.services import set_indicator_value
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.periods.queries import PeriodClosedError
from uppsikt.apps.tracking import change_reason
from uppsikt.domain.indicators import Gender, SourceKind
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.kolada.client import KoladaClient
from uppsikt.importers.kolada.responses import Selection, read_responses, select
from uppsikt.importers.kolada.saved import SOURCE, save_pages

YEARS_FETCHED = 3  # the committee's year and the two before it, as the indicator tables show


def new_client(base_url: str) -> KoladaClient:
    """A client for Kolada's API at `base_url` (tests put one with recorded answers here)."""
    return KoladaClient(base_url)


def kolada_indicators(committee_year: CommitteeYear) -> dict[str, list[Indicator]]:
    """The committee year's indicators whose values come from Kolada, by KPI id."""
    found: dict[str, list[Indicator]] = {}
    rows = Indicator.objects.filter(
        goal__committee_year=committee_year, source_kind=SourceKind.KOLADA.value
    ).order_by("goal__position", "goal__pk", "position", "pk")
    for row in rows:
        found.setdefault(row.source_reference, []).append(row)
    return found


def municipality_id(committee_year: CommitteeYear) -> str:
    """The committee's municipality's Kolada id, e.g. 0126."""
    return str(committee_year.committee.municipality.kolada_id)


def fetch_kolada(
    committee_year: CommitteeYear,
    out: Path,
    client: KoladaClient,
    *,
    first_year: int | None = None,
) -> list[Path]:
    """Fetch the indicators' KPIs for the municipality and save the pages in `out`.

    Years from `first_year` (by default two before the committee's year) to the committee's
    year. Raises ValueError when no indicator names a KPI, KoladaError when Kolada fails.
    """
    kpis = list(kolada_indicators(committee_year))
    if not kpis:
        raise ValueError("inga av nämndens indikatorer har källan kolada:KPI-ID")
    last = committee_year.year.year
    first = last - YEARS_FETCHED + 1 if first_year is None else first_year
    if first > last:
        raise ValueError(f"första året {first} ligger efter {last}")
    pages = client.data(kpis, [municipality_id(committee_year)], list(range(first, last + 1)))
    return save_pages(pages, out)


@dataclass
class KoladaImport:
    """What the saved responses held and what the import wrote (or would write)."""

    files: int = 0
    pages: int = 0
    read: int = 0  # values read, of every KPI and area
    selection: Selection = field(default_factory=Selection)
    indicators: dict[str, list[Indicator]] = field(default_factory=dict)
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0  # values written as missing (null)
    fetched: set[date] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    @property
    def written(self) -> int:
        """The indicator values written, or that would be (new or changed)."""
        return self.new + self.changed


def import_kolada(
    path: Path,
    committee_year: CommitteeYear,
    *,
    fetched: date | None = None,
    strict: bool = False,
    dry_run: bool = False,
) -> KoladaImport:
    """Set the committee's Kolada indicators' values from the saved pages at `path`.

    Raises ImportRefusedError (nothing written) when a file cannot be read, and in strict mode
    at any problem.
    """
    responses = read_responses(path, fetched)
    found = KoladaImport(responses.files, responses.pages, len(responses.values))
    found.indicators = kolada_indicators(committee_year)
    found.selection = select(responses.values, municipality_id(committee_year), found.indicators)
    found.problems = responses.problems + found.selection.problems
    refuse_faults(found.problems, strict=strict)
    try:
        with transaction.atomic(), change_reason("uppsikt import kolada"):
            _write(found, dry_run=dry_run)
    except PeriodClosedError as error:
        raise ImportRefusedError([Problem(Location(str(path)), str(error))]) from None
    return found


def _write(found: KoladaImport, *, dry_run: bool) -> None:
    for (kpi, year, gender), item in sorted(found.selection.chosen.items(), key=_order):
        for indicator in found.indicators[kpi]:
            current = (  # locked: the version written below is the one read here
                IndicatorValue.objects.select_for_update()
                .filter(indicator=indicator, year=year, gender=gender.value)
                .first()
            )
            found.missing += item.value is None
            if item.fetched is not None:
                found.fetched.add(item.fetched)
            if current is None:
                found.new += 1
            elif current.value == item.value and current.source == SOURCE:
                found.unchanged += 1
                if current.fetched == item.fetched:
                    continue  # nothing to write, and no history row for it
            else:
                found.changed += 1
            if not dry_run:
                set_indicator_value(
                    indicator,
                    year,
                    gender,
                    item.value,
                    version=current.version if current else 0,
                    by=None,  # a command on the server
                    source=SOURCE,
                    fetched=item.fetched,
                )


def _order(entry: tuple[tuple[str, int, Gender], object]) -> tuple[str, int, int]:
    (kpi, year, gender), _ = entry
    return (kpi, year, list(Gender).index(gender))
