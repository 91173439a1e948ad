"""The base of every editable model: change history (who, when, old → new)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.dispatch import receiver
from simple_history.models import HistoricalRecords
from simple_history.signals import pre_create_historical_record


class Tracked(models.Model):
    """An editable model whose every change is kept in its history table."""

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
