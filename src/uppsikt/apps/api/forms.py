"""The form for a new API token: its name and, if it should end, its last valid day."""

from __future__ import annotations

from django import forms

from uppsikt.domain.tokens import NAME_LENGTH


class TokenForm(forms.Form):
    """A name that says what the token is for, and an optional last valid day."""

    name = forms.CharField(
        label="Namn",
        max_length=NAME_LENGTH,
        help_text="Vad nyckeln används till, t.ex. Ekonomisystemets export.",
    )
    expires = forms.DateField(
        label="Giltig till och med",
        required=False,
        help_text="Ett datum som 2026-12-31; tomt: tills du återkallar nyckeln.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
