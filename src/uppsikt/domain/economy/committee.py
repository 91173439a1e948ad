"""A committee's economy for the year: its budget frame and its financial tables."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.domain.economy.frame import BudgetFrame
from uppsikt.domain.economy.tables import FinancialTable, TableRole


@dataclass(frozen=True, slots=True)
class Economy:
    """The budget frame and the financial tables of a committee's year."""

    frame: BudgetFrame | None = None
    tables: tuple[FinancialTable, ...] = ()

    def table(self, key: str) -> FinancialTable | None:
        """The table with this key."""
        return next((table for table in self.tables if table.key == key), None)

    def with_role(self, role: TableRole) -> FinancialTable | None:
        """The first table with this role."""
        return next((table for table in self.tables if table.role is role), None)
