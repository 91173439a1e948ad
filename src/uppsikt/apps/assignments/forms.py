"""The form a reporter updates an assignment's follow-up with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from uppsikt.apps.vocabularies.models import Status


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
