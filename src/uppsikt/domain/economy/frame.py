"""The budget frame: the council's frame plus dated adjustments; the adjusted frame is computed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from uppsikt.domain.economy.money import Amount, Unit, total


@dataclass(frozen=True, slots=True)
class FramePart:
    """A part of the council's frame, e.g. the committee's own and a board it answers for."""

    text: str
    amount: Decimal  # kronor


@dataclass(frozen=True, slots=True)
class FrameAdjustment:
    """A decided change of the frame."""

    amount: Decimal  # kronor
    text: str
    body: str
    date: dt.date | None = None
    reference: str = ""

    def decided_by(self, day: dt.date) -> bool:
        """Whether the adjustment counts at `day`; one without a date always counts."""
        return self.date is None or self.date <= day


@dataclass(frozen=True, slots=True)
class BudgetFrame:
    """The council's frame for a committee, its adjustments, and the frame as published."""

    unit: Unit
    decimals: int
    council: tuple[FramePart, ...]
    adjustments: tuple[FrameAdjustment, ...] = ()
    stated: Decimal | None = None  # kronor

    @property
    def half_step(self) -> Decimal:
        """Half the smallest shown difference: the rounding error of a written figure."""
        return self.unit.step(self.decimals) / 2

    def _amounts(self, values: list[Decimal]) -> list[Amount | None]:
        return [Amount(value, self.half_step) for value in values]

    def council_total(self) -> Amount:
        """The council's frame: the sum of its parts."""
        return total(self._amounts([part.amount for part in self.council])) or Amount(Decimal(0))

    def adjustments_by(self, day: dt.date) -> Amount:
        """The sum of the adjustments that count at `day`."""
        counted = [item.amount for item in self.adjustments if item.decided_by(day)]
        return total(self._amounts(counted)) or Amount(Decimal(0))

    def adjusted(self, day: dt.date) -> Amount:
        """The adjusted frame at `day`: never typed, always this sum."""
        return self.council_total() + self.adjustments_by(day)
