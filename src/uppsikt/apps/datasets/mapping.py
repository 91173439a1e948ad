"""Mapping between upload rows and the plain records the upload page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from uppsikt.apps.datasets import models


@dataclass(frozen=True, slots=True)
class UploadEntry:
    """An upload as the page lists it: the file, who sent it and when, and what came of it."""

    pk: int
    name: str
    kind: str  # as the form names it
    size: int
    sha256: str
    uploaded_at: datetime
    uploaded_by: str
    imported: bool
    imported_at: datetime | None
    imported_by: str
    lines: tuple[str, ...]  # the import's summary once imported, else the dry run's


def upload_entry(row: models.Upload) -> UploadEntry:
    """The upload row as the page lists it (people by username; "" when removed)."""
    imported = row.state == models.UploadState.IMPORTED
    return UploadEntry(
        pk=row.pk,
        name=row.original_name,
        kind=row.get_kind_display(),
        size=row.size,
        sha256=row.sha256,
        uploaded_at=row.uploaded_at,
        uploaded_by=row.uploaded_by.get_username() if row.uploaded_by else "",
        imported=imported,
        imported_at=row.imported_at,
        imported_by=row.imported_by.get_username() if row.imported_by else "",
        lines=tuple((row.result if imported else row.summary).splitlines()),
    )
