"""Files uploaded for import: who sent which file, for which committee period, and what came of it.

The file itself is kept under `MEDIA_ROOT` (`imports/<year>/<sha256>.<ext>`); the row keeps its
SHA-256, so that the file imported is the file that was checked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import RestrictedQuerySet


class UploadKind(models.TextChoices):
    """The kinds of file the upload page imports (each one of `uppsikt import`'s sources)."""

    SIE = "sie", "SIE-fil med huvudboken (typ 1–4)"
    EXCEL = "excel", "Ifylld Excel-mall för perioden (.xlsx)"
    LEDGER = "ledger", "Huvudbok ur ekonomisystemets export, utfall (CSV eller XLSX)"
    LEDGER_BUDGET = "ledger_budget", "Huvudbok ur ekonomisystemets export, budget (CSV eller XLSX)"
    HR = "hr", "Personaldata ur HR-systemets export (CSV eller XLSX)"


class UploadState(models.TextChoices):
    """Where an upload is: checked by a dry run, or imported."""

    CHECKED = "checked", "Granskad, inte inläst"
    IMPORTED = "imported", "Inläst"


class UploadQuerySet(RestrictedQuerySet["Upload"]):
    """Uploads, narrowed to a person's with `for_user`."""

    committee_path = "committee_year__committee"
    municipality_path = "committee_year__committee__municipality"


class Upload(models.Model):
    """A file a person uploaded to import into a committee's period, checked and kept."""

    committee_year = models.ForeignKey(
        CommitteeYear, on_delete=models.CASCADE, related_name="uploads"
    )
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="uploads")
    kind = models.CharField("slag", max_length=16, choices=UploadKind.choices)
    original_name = models.CharField("filnamn", max_length=255)
    stored = models.CharField("sparad som", max_length=255)  # relative to MEDIA_ROOT
    size = models.BigIntegerField("storlek (byte)")
    sha256 = models.CharField("SHA-256", max_length=64)
    strict = models.BooleanField("vägra vid minsta fel", default=False)
    uploaded_at = models.DateTimeField("uppladdad")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(
        "läge", max_length=16, choices=UploadState.choices, default=UploadState.CHECKED
    )
    summary = models.TextField("granskningen", blank=True)  # the dry run's lines
    result = models.TextField("resultat", blank=True)  # the import's lines
    imported_at = models.DateTimeField("inläst", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = UploadQuerySet.as_manager()

    class Meta:
        verbose_name = "uppladdad fil"
        verbose_name_plural = "uppladdade filer"
        ordering = ("-uploaded_at", "-pk")

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_kind_display()})"
