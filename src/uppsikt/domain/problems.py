"""Problems found in input, each with the place it was found."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where something stands in a source: file, line (1-based) and field path."""

    file: str
    line: int | None = None
    field: str = ""

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{place}: {self.field}" if self.field else place


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, with the place it was found."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DomainError(ValueError):
    """A rule of the domain was broken by the arguments of a call."""
