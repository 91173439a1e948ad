"""How far an import of a large file has come, told as it reads (`uppsikt import sie`)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from uppsikt.domain.formatting import format_number

LARGE_FILE = 20_000_000  # bytes; a smaller file is read in a few seconds, with nothing to tell


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the reading of a file has come: bytes and lines read, and the file's size."""

    read: int
    size: int
    lines: int

    @property
    def percent(self) -> int:
        """The part of the file read, in whole percent."""
        return self.read * 100 // self.size if self.size else 100


class ProgressPrinter:
    """Writes a line at every tenth of the file read, and every `every` seconds in between."""

    def __init__(
        self,
        write: Callable[[str], object],
        name: str,
        *,
        every: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write, self.name, self.every, self.clock = write, name, every, clock
        self.next_percent = 10
        self.last = clock()

    def __call__(self, progress: Progress) -> None:
        """Tell how far the reading has come, when a tenth has passed or enough time."""
        now = self.clock()
        if progress.percent < self.next_percent and now - self.last < self.every:
            return
        self.next_percent = progress.percent // 10 * 10 + 10
        self.last = now
        self.write(
            f"{self.name}: {progress.percent} % läst ({_megabytes(progress.read)} av "
            f"{_megabytes(progress.size)} MB, {format_number(progress.lines)} rader)"
        )


def _megabytes(size: int) -> str:
    """Bytes as megabytes with one decimal, written the Swedish way (`81,4`)."""
    return format_number(Decimal(size) / 1_000_000, 1)
