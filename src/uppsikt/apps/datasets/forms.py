"""The upload form: the kind of file and the file, its size and type checked before it is kept."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from uppsikt.apps.datasets.models import UploadKind
from uppsikt.apps.datasets.uploads import TABULAR, is_zipped, limit_for, megabytes, type_fault


class UploadForm(forms.Form):
    """A file to import into the committee's period, and what kind of file it is."""

    kind = forms.ChoiceField(
        label="Vad är det för fil?",
        choices=UploadKind.choices,
        initial=UploadKind.SIE,
        help_text=(
            "Huvudboken (SIE eller ekonomisystemets export) och personaldatan läses in för "
            "nämndens år; Excel-mallen för den period den exporterades för."
        ),
    )
    file = forms.FileField(
        label="Fil",
        error_messages={"empty": "Filen är tom.", "required": "Välj en fil att läsa in."},
    )
    strict = forms.BooleanField(
        label="Vägra hela filen vid minsta fel (annars läses det som går in, med varningar)",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        """Refuse a file too large for its kind, or one whose bytes are not of its kind."""
        cleaned = super().clean() or {}
        file: UploadedFile[bytes] | None = cleaned.get("file")
        kind = cleaned.get("kind")
        if file is None or not kind:
            return cleaned
        kind = UploadKind(kind)
        limit = limit_for(kind, zipped=is_zipped(file))
        if (file.size or 0) > limit:
            larger = " Spara en större export som CSV." if kind in TABULAR else ""
            self.add_error(
                "file",
                f"Filen är {megabytes(file.size or 0)}; högst {megabytes(limit)} tas emot för "
                f"den här sortens fil.{larger} Inget har sparats.",
            )
            return cleaned
        fault = type_fault(kind, file)
        if fault:
            self.add_error("file", f"{fault[:1].upper()}{fault[1:]}. Inget har sparats.")
        return cleaned
