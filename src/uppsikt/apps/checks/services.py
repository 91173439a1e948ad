"""Running the checks on a committee's period from the database."""

from __future__ import annotations

from collections.abc import Mapping

from uppsikt.apps.datasets.queries import NotFoundError
from uppsikt.apps.datasets.services import committee_context
from uppsikt.apps.periods.models import Year
from uppsikt.domain.checks import Finding, run_checks
from uppsikt.domain.periods import PeriodKey


def findings_for(
    committee: str,
    period: PeriodKey,
    kolada_id: str | None = None,
    typed: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every finding for a committee's period; `typed` compares written wordings of sections."""
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
    return run_checks(committee_context(found[0], committee, period), typed)
