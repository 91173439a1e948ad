"""Running the checks on a committee's period from the database."""

from __future__ import annotations

from collections.abc import Mapping

from uppsikt.apps.datasets.queries import find_period_year
from uppsikt.apps.datasets.services import committee_context
from uppsikt.domain.checks import Finding, run_checks
from uppsikt.domain.periods import PeriodKey


def findings_for(
    committee: str,
    period: PeriodKey,
    kolada_id: str | None = None,
    typed: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every finding for a committee's period; `typed` compares written wordings of sections."""
    year = find_period_year(committee, period, kolada_id)
    return run_checks(committee_context(year, committee, period), typed)
