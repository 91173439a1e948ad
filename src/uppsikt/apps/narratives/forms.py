"""The form a controller writes a text section with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from django import forms
from django.http import QueryDict

from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.tracking import rebased
from uppsikt.domain.narratives import Figure, check


class NarrativeForm(forms.Form):
    """Title, text and whether it is done, and the version the person's change is based on."""

    title = forms.CharField(label="Rubrik", max_length=300)
    body = forms.CharField(
        label="Text",
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 16, "cols": 60}),
        help_text="Så skriver du texten:",  # the page lists the syntax under it
    )
    done = forms.BooleanField(
        label="Klar för rapporten",
        required=False,
        help_text="Lämna omarkerad så länge texten är ett utkast. Perioden kan skickas in först "
        "när alla texter är klarmarkerade.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, figures: Mapping[str, Figure], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.figures = figures

    def clean_body(self) -> str:
        """The text with its line breaks as Uppsikt keeps them; every problem at its line."""
        body = str(self.cleaned_data["body"]).replace("\r\n", "\n")
        problems = check(body, self.figures)
        if problems:
            raise forms.ValidationError(
                [f"rad {problem.line}: {problem.message}" for problem in problems]
            )
        return body

    @classmethod
    def of(cls, narrative: Narrative, figures: Mapping[str, Figure]) -> Self:
        """The form filled with the saved section."""
        initial = {
            "title": narrative.title,
            "body": narrative.body,
            "done": not narrative.draft,
            "version": narrative.version,
        }
        return cls(initial=initial, figures=figures)

    @classmethod
    def rebased(cls, data: QueryDict, current: Narrative, figures: Mapping[str, Figure]) -> Self:
        """The person's own input after a conflict (`tracking.rebased`)."""
        return cls(rebased(data, current), figures=figures)
