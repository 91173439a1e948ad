"""Follow-ups: a status and comment for one item in one period, its form, and saving it.

Assignments, risk actions, audit actions and controls are all followed up this way. Each app
decides who may update its items; saving is the same for all: based on the version the person
saw, never over someone else's change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Self, TypeVar

from django import forms
from django.db import models
from django.db.models import QuerySet

from uppsikt.apps.periods.models import ReportingPeriod
from uppsikt.apps.tracking import (
    Change,
    StaleVersionError,
    Tracked,
    changes,
    rebased,
    save_or_create_if_current,
)
from uppsikt.apps.vocabularies.models import Status, StatusVocabulary


class FollowUpBase(Tracked):
    """Status and comment for a period; concrete models add the item they follow up."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    status = models.ForeignKey(
        Status, null=True, blank=True, on_delete=models.RESTRICT, related_name="+"
    )
    comment = models.TextField("kommentar", blank=True)

    class Meta:
        abstract = True
        ordering = ("pk",)


F = TypeVar("F", bound=FollowUpBase)


def save_follow_up(
    model: type[F],
    item: Mapping[str, models.Model],
    period: ReportingPeriod,
    vocabulary: StatusVocabulary,
    *,
    status: Status | None,
    comment: str,
    version: int,
) -> F:
    """Save the item's status and comment for the period, based on the follow-up's `version`.

    `item` names the followed-up row, e.g. `{"assignment": row}`; `version` is 0 for a
    follow-up not yet written. The caller has checked who may and that the period is open.
    Raises ValueError for a status outside `vocabulary`, or StaleVersionError with the
    follow-up as someone else has since saved it.
    """
    if status is not None and status.vocabulary_id != vocabulary.pk:
        raise ValueError(f"statusen {status.code} hör inte till listan {vocabulary.name}")
    key = {"period": period, **item}
    return save_or_create_if_current(model, key, version, status=status, comment=comment)


class StatusChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # the stubs' generics
    """A status offered by its symbol and word."""

    def label_from_instance(self, obj: Status) -> str:
        """E.g. `● Pågår`."""
        return f"{obj.symbol} {obj.label}"


class FollowUpForm(forms.Form):
    """Status and comment for the period, and the version the person's change is based on."""

    status = StatusChoice(
        queryset=Status.objects.none(), required=False, label="Status", empty_label="Ej angiven"
    )
    comment = forms.CharField(
        label="Kommentar",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Vad har hänt under perioden, och vad återstår?",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args: Any, statuses: QuerySet[Status], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = statuses  # type: ignore[attr-defined]

    @classmethod
    def of(cls, follow_up: FollowUpBase | None, statuses: QuerySet[Status]) -> Self:
        """The form filled with the saved follow-up (empty, at version 0, when there is none)."""
        initial = {
            "status": follow_up.status if follow_up else None,
            "comment": follow_up.comment if follow_up else "",
            "version": follow_up.version if follow_up else 0,
        }
        return cls(initial=initial, statuses=statuses)

    @classmethod
    def rebased(cls, data: Mapping[str, Any], current: Tracked, statuses: QuerySet[Status]) -> Self:
        """The person's own input after a conflict (`tracking.rebased`)."""
        return cls(rebased(data, current), statuses=statuses)


@dataclass(frozen=True)
class Posted:
    """What became of a posted follow-up: saved, or the form to show again (with the conflict)."""

    saved: bool
    form: FollowUpForm
    conflict: Tracked | None = None


def post_follow_up(
    data: Mapping[str, Any], statuses: QuerySet[Status], save: Callable[..., object]
) -> Posted:
    """Validate the posted form and `save(status=, comment=, version=)` it.

    A save over someone else's change comes back with their row as the conflict and the
    person's own input kept in the form, based on the current version.
    """
    form = FollowUpForm(data, statuses=statuses)
    if not form.is_valid():
        return Posted(saved=False, form=form)
    try:
        save(
            status=form.cleaned_data["status"],
            comment=form.cleaned_data["comment"],
            version=form.cleaned_data["version"],
        )
    except StaleVersionError as error:
        return Posted(False, FollowUpForm.rebased(data, error.current, statuses), error.current)
    return Posted(saved=True, form=form)


def history_of(item: Tracked, subject: str, follow_ups: Iterable[FollowUpBase]) -> list[Change]:
    """Every change to the item and to its follow-ups in every period, newest first."""
    found = changes(item.history.all(), subject)
    for row in follow_ups:
        found += changes(row.history.all(), f"Uppföljningen {row.period.key}")
    found.sort(key=lambda change: change.when, reverse=True)
    return found
