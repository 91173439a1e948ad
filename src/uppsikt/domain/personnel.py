"""Personnel series: headcount at dates, staff turnover, sick leave per month."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from uppsikt.domain.indicators import Gender


@dataclass(frozen=True, slots=True)
class Headcount:
    """The number of employees at a date (optionally for one unit, or of one gender)."""

    date: date
    count: int
    unit: str | None = None
    gender: Gender = Gender.TOTAL


@dataclass(frozen=True, slots=True)
class Turnover:
    """Staff turnover in percent over the twelve months ending at `date` (optionally by gender)."""

    date: date
    percent: Decimal
    unit: str | None = None
    gender: Gender = Gender.TOTAL


class SickLeaveLength(StrEnum):
    """Which absences a sick-leave figure counts."""

    TOTAL = "total"
    SHORT = "short"  # 1–14 days
    OVER_14 = "over_14"  # 15 days and more
    LONG = "long"  # over 180 days


class SickLeaveBasis(StrEnum):
    """Whether a figure is for the month itself or the twelve months ending with it."""

    MONTH = "month"
    ROLLING_12 = "rolling_12"


@dataclass(frozen=True, slots=True)
class SickLeave:
    """Sick leave in percent of scheduled hours for a month, gender, length and basis."""

    month: date  # the first day of the month
    percent: Decimal
    gender: Gender = Gender.TOTAL
    length: SickLeaveLength = SickLeaveLength.TOTAL
    basis: SickLeaveBasis = SickLeaveBasis.MONTH


@dataclass(frozen=True, slots=True)
class Personnel:
    """A committee's personnel series."""

    headcount: tuple[Headcount, ...] = ()
    turnover: tuple[Turnover, ...] = ()
    sick_leave: tuple[SickLeave, ...] = ()


Observation = TypeVar("Observation", Headcount, Turnover)


def latest_on_or_before(
    items: Iterable[Observation],
    as_of: date,
    unit: str | None = None,
    gender: Gender = Gender.TOTAL,
) -> Observation | None:
    """The most recent observation at or before `as_of` for `unit` (None: the whole) and gender."""
    candidates = [
        item for item in items if item.date <= as_of and item.unit == unit and item.gender is gender
    ]
    return max(candidates, key=lambda item: item.date, default=None)


def one_year_earlier(day: date) -> date:
    """The same day a year earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def sick_leave_value(
    series: Iterable[SickLeave],
    month: date,
    gender: Gender,
    length: SickLeaveLength,
    basis: SickLeaveBasis,
) -> Decimal | None:
    """The sick-leave percent for exactly this month, gender, length and basis."""
    month = month.replace(day=1)
    return next(
        (
            item.percent
            for item in series
            if item.month == month
            and item.gender is gender
            and item.length is length
            and item.basis is basis
        ),
        None,
    )


def latest_sick_leave_month(series: Iterable[SickLeave], as_of: date) -> date | None:
    """The latest month with any sick-leave figure at or before `as_of`."""
    months = [item.month for item in series if item.month <= as_of]
    return max(months, default=None)
