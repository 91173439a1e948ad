"""The form that names the committee's next period."""

from __future__ import annotations

from django import forms

from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError


class NextPeriodForm(forms.Form):
    """The next period's key and, for a period the municipality does not have yet, its end."""

    period = forms.CharField(
        label="Nästa period",
        max_length=8,
        help_text="Till exempel 2023-T2, 2024-VP, 2024-T1 eller 2023-M09.",
    )
    closing_date = forms.DateField(
        label="Slutdatum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=(
            "Lämna tomt för periodens vanliga slutdatum (30 april för T1, 31 augusti för T2, "
            "månadens sista dag för en månad). En period som kommunen redan har behåller sitt."
        ),
    )

    def clean_period(self) -> PeriodKey:
        """The period as a key; a malformed one is refused in Swedish."""
        try:
            return PeriodKey.parse(self.cleaned_data["period"])
        except DomainError as error:
            raise forms.ValidationError(str(error)) from None
