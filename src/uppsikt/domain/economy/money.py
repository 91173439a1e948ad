"""Money: Decimal kronor, display units, and amounts that know their rounding error.

Every amount is held in kronor. A figure written in a table's unit (tkr, mnkr) was rounded to
that unit's last shown decimal, so it carries an error bound of half a step; sums and
differences add their bounds, ratios take the widest of their corners. A stated figure agrees
with a computed one when it lies within the computed bound plus half a display step.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from uppsikt.domain.formatting import round_half_up

ZERO = Decimal(0)
HUNDRED = Decimal(100)


class Unit(StrEnum):
    """A display unit for amounts."""

    KR = "kr"
    TKR = "tkr"
    MNKR = "mnkr"

    @property
    def factor(self) -> Decimal:
        """Kronor per unit."""
        return {Unit.KR: Decimal(1), Unit.TKR: Decimal(1000), Unit.MNKR: Decimal(1_000_000)}[self]

    @property
    def default_decimals(self) -> int:
        """The decimals this unit is usually shown with (one for mnkr)."""
        return 1 if self is Unit.MNKR else 0

    def step(self, decimals: int) -> Decimal:
        """The smallest shown difference, in kronor."""
        return self.factor * Decimal(1).scaleb(-decimals)

    def to_kronor(self, value: Decimal) -> Decimal:
        """A figure in this unit as kronor."""
        return value * self.factor

    def from_kronor(self, kronor: Decimal) -> Decimal:
        """Kronor in this unit, unrounded."""
        return kronor / self.factor

    def rounded(self, kronor: Decimal, decimals: int) -> Decimal:
        """Kronor in this unit, rounded for display."""
        return round_half_up(self.from_kronor(kronor), decimals)


@dataclass(frozen=True, slots=True)
class Amount:
    """A value with the most its true value may differ from it (from rounded inputs)."""

    value: Decimal
    error: Decimal = ZERO

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.value + other.value, self.error + other.error)

    def __sub__(self, other: Amount) -> Amount:
        return Amount(self.value - other.value, self.error + other.error)

    def __neg__(self) -> Amount:
        return Amount(-self.value, self.error)

    @property
    def low(self) -> Decimal:
        """The lowest value the true value may have."""
        return self.value - self.error

    @property
    def high(self) -> Decimal:
        """The highest value the true value may have."""
        return self.value + self.error

    def agrees_with(self, stated: Decimal, half_step: Decimal) -> bool:
        """Whether a stated figure, rounded to `half_step` × 2, can be this amount."""
        return self.low - half_step <= stated <= self.high + half_step


def total(amounts: list[Amount | None]) -> Amount | None:
    """The sum of the amounts present; None when none is (missing stays missing)."""
    present = [amount for amount in amounts if amount is not None]
    if not present:
        return None
    result = present[0]
    for amount in present[1:]:
        result = result + amount
    return result


def ratio_percent(numerator: Amount, denominator: Amount, minus: Decimal = ZERO) -> Amount | None:
    """`numerator / denominator × 100 − minus`, with its bound; None when it cannot be formed.

    The bound is taken from the corners of both intervals; when the denominator's interval
    holds zero the ratio is undefined.
    """
    if denominator.low <= ZERO <= denominator.high:
        return None
    value = numerator.value / denominator.value * HUNDRED - minus
    corners = [
        n / d * HUNDRED - minus
        for n in (numerator.low, numerator.high)
        for d in (denominator.low, denominator.high)
    ]
    return Amount(value, max(abs(corner - value) for corner in corners))
