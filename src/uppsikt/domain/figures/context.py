"""What live figures are computed from: one committee's year, one period, its vocabularies."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.economy.tables import ComputedTable, compute_table
from uppsikt.domain.narratives import Figure
from uppsikt.domain.periods import PeriodKey, ReportingPeriod
from uppsikt.domain.vocabularies import StatusVocabulary

LedgerInputs = Mapping[str, Mapping[tuple[str, str], Decimal]]


@dataclass(frozen=True)
class FigureContext:
    """A committee's year at one period, with what the ledger gives its tables."""

    committee: CommitteeYear
    period: ReportingPeriod
    assignment_statuses: StatusVocabulary
    control_statuses: StatusVocabulary
    ledger: LedgerInputs = field(default_factory=dict)

    @classmethod
    def of(
        cls, dataset: Dataset, committee: str, period: PeriodKey, ledger: LedgerInputs | None = None
    ) -> FigureContext:
        """The context for a committee and period of a dataset."""
        year = dataset.committee(committee)
        return cls(
            committee=year,
            period=dataset.period(period),
            assignment_statuses=dataset.vocabulary(year.assignment_statuses),
            control_statuses=dataset.vocabulary(year.control_statuses),
            ledger=ledger or {},
        )

    @cached_property
    def tables(self) -> dict[str, ComputedTable]:
        """Every financial table of the committee, computed for the period (once)."""
        return {
            table.key: compute_table(table, self.period.key, self.ledger.get(table.key))
            for table in self.committee.economy.tables
        }


Provider = Callable[[FigureContext], Mapping[str, Figure]]
