"""SIE records read from a stream of lines, and the file's `#KSUMMA` checked as they pass."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.sie.text import Field, SieSyntaxError, decode_lines, split_fields

# A voucher's transactions stand between lines holding only a brace.
OPEN, CLOSE = "{", "}"


@dataclass(frozen=True, slots=True)
class Record:
    """A line's label (`#TRANS`, upper case; `{` or `}` around a voucher) and its fields."""

    line: int
    label: str
    fields: tuple[Field, ...] = ()


@dataclass
class Checksum:
    """The file's `#KSUMMA`, computed as the records pass.

    CRC-32 over the CP437 bytes of every record's label and field contents (no separators,
    quotes or braces) from the opening `#KSUMMA` up to the closing one.
    """

    started: int | None = None  # the opening record's line
    crc: int = 0
    stated: int | None = None  # the closing record's value
    closed: bool = False
    problems: list[Problem] = field(default_factory=list)

    def add(self, record: Record) -> None:
        """Count a record in, when it lies between the opening and the closing `#KSUMMA`."""
        if self.started is None or self.closed or record.label in (OPEN, CLOSE):
            return
        parts = [record.label]
        for item in record.fields:
            parts.extend(item if isinstance(item, tuple) else (item,))
        data = "".join(parts).encode("cp437", errors="replace")
        self.crc = zlib.crc32(data, self.crc)

    @property
    def counting(self) -> bool:
        """Whether the records now read are counted in (between the two `#KSUMMA`)."""
        return self.started is not None and not self.closed

    def see(self, record: Record, file: str) -> None:
        """Let the next record of the file pass: a `#KSUMMA` opens or closes, others count."""
        if record.label != "#KSUMMA":
            self.add(record)
        elif self.started is None:
            self.started = record.line
        elif not self.closed:
            self.closed = True
            value = record.fields[0] if record.fields else ""
            if isinstance(value, str) and value.lstrip("-").isdigit():
                self.stated = int(value) & 0xFFFFFFFF
            else:
                self.problems.append(
                    Problem(Location(file, record.line), f"#KSUMMA {value!r} är inget tal")
                )

    def finish(self, file: str) -> None:
        """The file has ended: an opening `#KSUMMA` without its closing one is a problem."""
        if self.counting:
            assert self.started is not None
            self.problems.append(
                Problem(Location(file, self.started), "#KSUMMA öppnas men avslutas aldrig")
            )

    @property
    def verified(self) -> bool | None:
        """Whether the stated checksum is the computed one; None when the file has none."""
        if self.started is None:
            return None
        return self.closed and self.stated == self.crc


def read_records(lines: Iterable[bytes], file: str, problems: list[Problem]) -> Iterator[Record]:
    """The records of a file's lines; a line that cannot be read is a problem, and skipped."""
    for line in decode_lines(lines):
        record = record_of(line.number, line.text, file, problems)
        if record is not None:
            yield record


def record_of(number: int, text: str, file: str, problems: list[Problem]) -> Record | None:
    """The record of a line's text; None for a blank line, or one that cannot be read (a problem)."""
    text = text.strip()
    if not text:
        return None
    if text in (OPEN, CLOSE):
        return Record(number, text)
    if not text.startswith("#"):
        problems.append(Problem(Location(file, number), f"raden börjar inte med #: {text[:40]!r}"))
        return None
    try:
        label, *fields = split_fields(text, Location(file, number))
    except SieSyntaxError as error:
        problems.append(error.problem)
        return None
    if not isinstance(label, str) or label == "#":
        problems.append(Problem(Location(file, number), "raden saknar etikett efter #"))
        return None
    return Record(number, label.upper(), tuple(fields))


def checked(records: Iterable[Record], checksum: Checksum, file: str) -> Iterator[Record]:
    """The records, passing by `checksum` so that `#KSUMMA` is verified as they stream."""
    for record in records:
        checksum.see(record, file)
        yield record
    checksum.finish(file)
