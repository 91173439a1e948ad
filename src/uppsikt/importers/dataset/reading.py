"""The base of the dataset readers: the file's problems, codes and periods."""

from __future__ import annotations

from typing import TypeVar

from uppsikt.domain.assignments import FollowUp
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.importers.dataset.nodes import At, Record
from uppsikt.importers.dataset.nodes import Source as FileSource

R = TypeVar("R")

# The words a yes/no field may hold, in Swedish or English.
FLAGS = {"ja": True, "nej": False, "true": True, "false": False, "yes": True, "no": False}


def keep_valid(records: list[R | None]) -> tuple[R, ...]:
    """The records that could be read (the others have reported their faults)."""
    return tuple(record for record in records if record is not None)


class Reader:
    """Reads records of one file, reporting faults to its `Source`."""

    def __init__(self, source: FileSource) -> None:
        self.source = source
        self.year = 0

    def record(self, at: At, kind: str) -> Record:
        """Open a mapping node as a record of the schema."""
        return Record(self.source, at, kind)

    def flag(self, rec: Record, key: str, *, default: bool) -> bool:
        """A yes/no field."""
        text = rec.optional_text(key)
        if text is None:
            return default
        if text.lower() not in FLAGS:
            rec.fail(key, f"'{text}' är varken true eller false")
            return default
        return FLAGS[text.lower()]

    def define(self, kind: str, code: str, record: Record, key: str = "code") -> None:
        """Record that the record's code names an item of `kind`."""
        if code:
            self.source.define(kind, code, record.values.get(key, record.at))

    def refer(self, kind: str, code: str, record: Record, key: str) -> None:
        """Record that the record's field must name a defined item of `kind`."""
        if code:
            self.source.refer(kind, code, record.values.get(key, record.at))

    def period_key(self, key: str, at: At) -> PeriodKey | None:
        """A period written as a mapping key; it must be one of the dataset's periods."""
        try:
            period = PeriodKey.parse(key)
        except DomainError as error:
            self.source.problem(at, str(error))
            return None
        self.source.refer("period", str(period), at)
        return period

    def follow_ups(self, rec: Record, vocabulary: str) -> tuple[FollowUp, ...]:
        """The follow-ups of a record, by period."""
        found: list[FollowUp] = []
        for key, key_at, at in rec.entries("follow_up"):
            period = self.period_key(key, key_at)
            item = self.record(at, "follow_up")
            status = item.optional_text("status")
            if status:
                self.refer(f"{vocabulary}:status", status, item, "status")
            if period is not None and not item.failed:
                found.append(FollowUp(period, status or None, item.text("comment")))
            elif item.failed:
                rec.failed = True
        return tuple(found)
