"""Reading decimals back from the database without the column's padding."""

from __future__ import annotations

from decimal import Decimal


def from_db(value: Decimal | None) -> Decimal | None:
    """Strip the zeros the column pads with (`40.700000` → `40.7`, `100.000000` → `100`)."""
    if value is None:
        return None
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return normal.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else normal


def from_db_required(value: Decimal) -> Decimal:
    """As `from_db`, for a column that cannot be NULL."""
    result = from_db(value)
    assert result is not None
    return result
