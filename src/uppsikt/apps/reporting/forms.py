"""The form that takes a period a step in its workflow."""

from __future__ import annotations

from django import forms

from uppsikt.domain.periods import STATE_NAMES, PeriodState


class StepForm(forms.Form):
    """The state to go to, the version seen, and what the step records."""

    target = forms.ChoiceField(
        choices=[(state.value, STATE_NAMES[state]) for state in PeriodState], label="Till"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    decision_date = forms.DateField(
        required=False,
        label="Nämndens beslutsdatum",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    paragraph = forms.CharField(required=False, max_length=40, label="Paragraf i protokollet")
    case_reference = forms.CharField(required=False, max_length=60, label="Diarienummer")
    reason = forms.CharField(
        required=False,
        max_length=500,
        label="Varför öppnas perioden igen?",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
