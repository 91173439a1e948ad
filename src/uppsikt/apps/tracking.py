"""The base of every editable model: change history (who, when, old → new) and a version.

Every save through `save_if_current` states the version the person's change was based on; a
change based on a version someone else has since replaced is refused with the current row, so
two people working at once never overwrite each other without knowing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record

from uppsikt.domain.formatting import format_plain


class Tracked(models.Model):
    """An editable model whose every change is kept in its history table, with a version."""

    version = models.PositiveIntegerField("version", default=1, editable=False)
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True


class Ordered(Tracked):
    """A tracked model shown in a given order."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ("position", "pk")


_reason: ContextVar[str] = ContextVar("uppsikt_change_reason", default="")


@contextmanager
def change_reason(reason: str) -> Iterator[None]:
    """Record `reason` on every history entry written inside the block (e.g. a dataset load)."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


@receiver(pre_create_historical_record)
def _fill_change_reason(sender: object, history_instance: models.Model, **kwargs: object) -> None:
    """Give history entries written without a reason the reason of the enclosing block."""
    if not getattr(history_instance, "history_change_reason", None) and _reason.get():
        history_instance.history_change_reason = _reason.get()  # type: ignore[attr-defined]


T = TypeVar("T", bound=Tracked)


class StaleVersionError(Exception):
    """A change based on a version that someone else has since replaced."""

    def __init__(self, current: Tracked) -> None:
        super().__init__(f"{current} har ändrats av någon annan (version {current.version})")
        self.current = current


def save_if_current(row: T, version: int, **changes: Any) -> T:
    """Apply `changes` to the row if it is still at `version`; the saved row comes back.

    Raises StaleVersionError, with the row as it now is, when someone else saved it since.
    Changes that change nothing save nothing: the version stays and no history is written.
    """
    with transaction.atomic():
        current = type(row)._default_manager.select_for_update().get(pk=row.pk)
        if current.version != version:
            raise StaleVersionError(current)
        if all(getattr(current, name) == value for name, value in changes.items()):
            return current
        for name, value in changes.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
        return current


def rebased(data: Mapping[str, Any], current: Tracked) -> dict[str, Any]:
    """A form's posted input after a conflict, now based on the row's current version.

    Saving it again replaces the other change knowingly, never by accident.
    """
    kept = dict(data.items())  # a QueryDict's items are its last values, as a form reads them
    kept["version"] = str(current.version)
    return kept


def delete_if_current(row: Tracked, version: int) -> None:
    """Delete the row if it is still at `version`; else raise StaleVersionError with it as it is."""
    with transaction.atomic():
        current = type(row)._default_manager.select_for_update().get(pk=row.pk)
        if current.version != version:
            raise StaleVersionError(current)
        current.delete()


def save_or_create_if_current(
    model: type[T], key: Mapping[str, Any], version: int, **values: Any
) -> T:
    """Save `values` on the row `key` names if it is still at `version`, or create it at 0.

    `version` is 0 for a row the person saw not yet written (a first follow-up, say). Raises
    StaleVersionError with the row as it now is when someone else saved it (or wrote it first,
    or removed it) since.
    """
    rows = model._default_manager.filter(**key)
    existing = rows.first()
    if existing is not None:
        return save_if_current(existing, version, **values)
    if version != 0:  # the row the person saw was removed since
        raise StaleVersionError(model(version=0, **key))
    try:
        with transaction.atomic():
            return model._default_manager.create(**key, **values)
    except IntegrityError:  # someone else wrote the first row at the same moment
        raise StaleVersionError(rows.get()) from None


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after a change, as shown to people."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """A saved change: when, by whom, why, what it was of, and each field's old and new value."""

    when: datetime
    who: str
    reason: str
    subject: str
    kind: str  # skapad, ändrad or borttagen
    fields: tuple[FieldChange, ...]


KINDS = {"+": "skapad", "~": "ändrad", "-": "borttagen"}
# Bookkeeping that says nothing to a reader of the history.
UNSHOWN = {"version", "position", "id"}


# How a page shows a field's value of a history record, by field name, where it knows better.
Shown = Mapping[str, Callable[[Any, Any], str]]  # (record, value) -> text


def _shown(row: Any, field: models.Field[Any, Any], formats: Shown) -> str:
    value = getattr(row, field.name)
    if value is None or value == "":
        return "–"
    if field.name in formats:
        return formats[field.name](row, value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):  # as Swedes write it, without the column's padding
        return format_plain(value)
    return str(value)


def changes(
    records: Iterable[models.Model],
    subject: str | Callable[[Any], str],
    formats: Shown | None = None,
) -> list[Change]:
    """History records as changes, in the given order, with each field's old and new values.

    `subject` names what changed, or gives the name of each record's row; `formats` shows the
    values of some fields as the page does (an amount in the table's unit). Each record is
    compared with the one before it of the same row among `records` (pass a row's whole
    history), so that a page of history costs one query, not one per record.
    """
    if isinstance(records, models.QuerySet):  # who, and the rows the records point to, at once
        records = records.select_related(*_related(records.model, depth=2))
    given: list[Any] = list(records)  # simple_history's records are built at run time, untyped
    previous: dict[int, Any] = {}
    last: dict[object, Any] = {}
    for history in sorted(given, key=lambda item: (item.history_date, item.history_id)):
        row = getattr(history, history.instance_type._meta.pk.attname)
        before = last.get(row)
        if before is None and history.history_type != "+":
            before = history.prev_record  # the row's earlier history is not among the records
        previous[history.history_id] = before
        last[row] = history
    return [_change(item, previous[item.history_id], subject, formats or {}) for item in given]


def _related(model: type[models.Model], depth: int) -> list[str]:
    """The paths of the rows a model points to, and theirs, `depth` steps deep (for names)."""
    found = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is not None:
            found.append(field.name)
            if depth > 1:
                target: Any = field.related_model
                found += [f"{field.name}__{path}" for path in _related(target, depth - 1)]
    return found


def _change(
    history: Any, previous: Any, subject: str | Callable[[Any], str], formats: Shown
) -> Change:
    fields = [
        field for field in history.instance_type._meta.concrete_fields if field.name not in UNSHOWN
    ]
    shown = tuple(
        FieldChange(
            str(field.verbose_name),
            _shown(previous, field, formats) if previous else "–",
            _shown(history, field, formats),
        )
        for field in fields
        if previous is None or getattr(previous, field.attname) != getattr(history, field.attname)
    )
    user = history.history_user
    return Change(
        history.history_date,
        str(user) if user else "–",
        history.history_change_reason or "",
        subject if isinstance(subject, str) else subject(history),
        KINDS[history.history_type],
        shown if history.history_type != "-" else (),
    )
