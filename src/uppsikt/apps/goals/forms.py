"""The form for a goal's assessment: a level of the committee's scale and a comment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from django import forms
from django.db.models import QuerySet

from uppsikt.apps.followups import StatusChoice
from uppsikt.apps.goals.models import GoalAssessment
from uppsikt.apps.tracking import Tracked, rebased
from uppsikt.apps.vocabularies.models import AssessmentLevel


class AssessmentForm(forms.Form):
    """Level and comment for the period, and the version the person's change is based on."""

    level = StatusChoice(  # a level, like a status, is offered by its symbol and word
        queryset=AssessmentLevel.objects.none(),
        required=False,
        label="Bedömning",
        empty_label="Ej bedömd",
        error_messages={"invalid_choice": "Välj en nivå ur nämndens bedömningsskala."},
    )
    comment = forms.CharField(
        label="Kommentar",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Vad bygger bedömningen på, och vad återstår för att nå målet?",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, levels: QuerySet[AssessmentLevel], suggestion: str = "", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = levels  # type: ignore[attr-defined]
        if suggestion:
            self.fields["level"].help_text = f"Förslag utifrån indikatorerna: {suggestion}."

    @classmethod
    def of(
        cls,
        assessment: GoalAssessment | None,
        levels: QuerySet[AssessmentLevel],
        suggestion: str = "",
    ) -> Self:
        """The form filled with the saved assessment (empty, at version 0, when there is none)."""
        initial = {
            "level": assessment.level if assessment else None,
            "comment": assessment.comment if assessment else "",
            "version": assessment.version if assessment else 0,
        }
        return cls(initial=initial, levels=levels, suggestion=suggestion)

    @classmethod
    def rebased(
        cls,
        data: Mapping[str, Any],
        current: Tracked,
        levels: QuerySet[AssessmentLevel],
        suggestion: str = "",
    ) -> Self:
        """The person's own input after a conflict (`tracking.rebased`)."""
        return cls(rebased(data, current), levels=levels, suggestion=suggestion)
