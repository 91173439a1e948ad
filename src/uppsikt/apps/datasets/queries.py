"""Finding what a command names: a municipality's year, or the only one there is."""

from __future__ import annotations

from uppsikt.apps.periods.models import CommitteeYear, Year
from uppsikt.domain.periods import PeriodKey


class NotFoundError(LookupError):
    """Nothing in the database matches what was asked for."""


def find_year(year: int | None = None, kolada_id: str | None = None) -> Year:
    """The year asked for; without arguments, the only one in the database."""
    rows = Year.objects.select_related("municipality")
    if year is not None:
        rows = rows.filter(year=year)
    if kolada_id is not None:
        rows = rows.filter(municipality__kolada_id=kolada_id)
    found = list(rows[:2])
    if not found:
        raise NotFoundError("databasen har inget sådant år; läs in ett dataset med uppsikt load")
    if len(found) > 1:
        raise NotFoundError("databasen har flera år eller kommuner; ange --year och --municipality")
    return found[0]


def find_period_year(committee: str, period: PeriodKey, kolada_id: str | None = None) -> Year:
    """The year of the municipality that has the committee and period."""
    years = Year.objects.filter(year=period.year, committee_years__committee__code=committee)
    if kolada_id is not None:
        years = years.filter(municipality__kolada_id=kolada_id)
    found = list(years.select_related("municipality")[:2])
    if not found:
        raise NotFoundError(f"ingen nämnd {committee} med år {period.year} i databasen")
    if len(found) > 1:
        raise NotFoundError(f"flera kommuner har nämnden {committee}; ange --municipality")
    if not found[0].periods.filter(kind=period.kind.value, month=period.month).exists():
        raise NotFoundError(f"året {period.year} har ingen period {period}")
    return found[0]


def find_committee_year(committee: str, year: int, kolada_id: str | None = None) -> CommitteeYear:
    """The committee's year, of the only municipality that has it or of the one named."""
    rows = CommitteeYear.objects.filter(committee__code=committee, year__year=year)
    if kolada_id is not None:
        rows = rows.filter(committee__municipality__kolada_id=kolada_id)
    found = list(rows.select_related("committee", "year__municipality")[:2])
    if not found:
        raise NotFoundError(f"ingen nämnd {committee} med år {year} i databasen")
    if len(found) > 1:
        raise NotFoundError(f"flera kommuner har nämnden {committee}; ange --municipality")
    return found[0]
