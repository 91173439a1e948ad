"""Importing an uploaded file: checked, kept under MEDIA_ROOT, a dry run shown, then imported.

The file goes through the same import services as `uppsikt import` (`import_sie`,
`import_ledger`, `import_hr`, `import_excel`), with their all-or-nothing writing. Before any of
them sees it, its size and its type (told from its bytes) are checked. It is written to a
temporary file beside where it is kept, its SHA-256 taken on the way, and the dry run reads
that; only a file the dry run accepts is renamed into place (`imports/<year>/<sha256>.<ext>`)
and gets its `Upload` row, so a refused file leaves nothing behind. Importing reads the kept
file again after checking that its SHA-256 is still the one checked.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from uppsikt.apps.datasets.backup import UPLOADING_PREFIX
from uppsikt.apps.datasets.excel.importing import import_excel
from uppsikt.apps.datasets.excel.sources import excel_summary
from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.datasets.models import Upload, UploadKind, UploadState
from uppsikt.apps.economy.erp import export_summary, import_ledger
from uppsikt.apps.economy.imports import import_sie
from uppsikt.apps.economy.sources import sie_summary
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.personnel.imports import hr_summary, import_hr
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.excel.read import MAX_FILE_BYTES as WORKBOOK_MAX_BYTES
from uppsikt.importers.filetypes import (
    HEAD_BYTES,
    ZIP_MAGIC,
    csv_fault,
    sie_fault,
    workbook_fault,
)
from uppsikt.importers.tabular.layout import Layout

FOLDER = "imports"  # under MEDIA_ROOT
TABULAR = (UploadKind.LEDGER, UploadKind.LEDGER_BUDGET, UploadKind.HR)
_CHUNK = 1024 * 1024


class UploadRefusedError(Exception):
    """The upload was refused and nothing was written or kept; the reason is in Swedish."""


def megabytes(size: int) -> str:
    """A size as people read it: `200 MB`, `1,5 MB`, `1000 byte`."""
    if size < 2**20:
        return f"{size} byte"
    value = size / 2**20
    shown = f"{value:.0f}" if value >= 10 else f"{value:.1f}".replace(".", ",")
    return f"{shown} MB"


def limit_for(kind: UploadKind, *, zipped: bool = False) -> int:
    """The largest file of this kind taken, in bytes (`UPPSIKT_UPLOAD_MAX_MB` or less).

    A workbook is read whole into memory to be checked, so it is held to the Excel reader's own
    limit; text files (SIE, CSV) are read as streams and may be as large as the setting allows.
    """
    limit: int = settings.UPLOAD_MAX_BYTES
    if kind is UploadKind.EXCEL or zipped:
        return min(limit, WORKBOOK_MAX_BYTES)
    return limit


def type_fault(kind: UploadKind, file: UploadedFile[bytes]) -> str:
    """Why the file is not of the kind chosen, told from its bytes ("" when it is).

    A workbook's whole bytes are looked at (it is within `limit_for`), a text file's beginning.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    zipped = head.startswith(ZIP_MAGIC)
    if kind is UploadKind.SIE:
        return sie_fault(head)
    if kind is UploadKind.EXCEL or zipped:
        file.seek(0)
        return workbook_fault(file.read())
    return csv_fault(head)


def is_zipped(file: UploadedFile[bytes]) -> bool:
    """Whether the file is a zip (an XLSX workbook), by its first bytes."""
    file.seek(0)
    head: bytes = file.read(len(ZIP_MAGIC))
    return head == ZIP_MAGIC


@dataclass(frozen=True, slots=True)
class Staged:
    """An uploaded file written out beside where it will be kept, with its SHA-256 and size."""

    path: Path
    sha256: str
    size: int


@contextmanager
def staged(file: UploadedFile[bytes], folder: Path) -> Iterator[Staged]:
    """The file written to a temporary file in `folder`, removed again unless moved away."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept for the rename
        dir=folder, prefix=UPLOADING_PREFIX, suffix=".part", delete=False
    )
    path = Path(handle.name)
    try:
        digest = hashlib.sha256()
        size = 0
        with handle:
            file.seek(0)
            for chunk in file.chunks(_CHUNK):
                handle.write(chunk)
                digest.update(chunk)
                size += len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        yield Staged(path, digest.hexdigest(), size)
    finally:
        path.unlink(missing_ok=True)


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def run_import(
    kind: UploadKind,
    path: Path,
    *,
    name: str,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    user: AbstractBaseUser,
    strict: bool,
    dry_run: bool,
) -> list[str]:
    """Run the import service of `uppsikt import` for the kind; the summary's lines.

    Raises ImportRefusedError (nothing written) with every problem found, each naming `name`.
    """
    try:
        if kind is UploadKind.SIE:
            sie = import_sie(path, committee_year, strict=strict, dry_run=dry_run, name=name)
            return sie_summary(sie, dry_run=dry_run)
        if kind is UploadKind.HR:
            hr = import_hr(path, committee_year, strict=strict, dry_run=dry_run, name=name)
            return hr_summary(hr, dry_run=dry_run)
        if kind in (UploadKind.LEDGER, UploadKind.LEDGER_BUDGET):
            layout = Layout(kind="budget" if kind is UploadKind.LEDGER_BUDGET else "utfall")
            ledger = import_ledger(
                path, committee_year, layout=layout, strict=strict, dry_run=dry_run, name=name
            )
            return export_summary(ledger, dry_run=dry_run)
    except ValueError as error:
        raise ImportRefusedError([Problem(Location(name), str(error))]) from None
    return _import_workbook(path, name, committee_year, period, user, dry_run=dry_run)


def _import_workbook(
    path: Path,
    name: str,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    user: AbstractBaseUser,
    *,
    dry_run: bool,
) -> list[str]:
    """Import an Excel template, refused (and rolled back) when it is another period's."""
    with transaction.atomic():
        found = import_excel(path.read_bytes(), name, user, dry_run=dry_run)
        if (found.committee_year.pk, found.period.pk) != (committee_year.pk, period.pk):
            theirs = f"{found.committee_year.committee.code} {found.period.key}"
            ours = f"{committee_year.committee.code} {period.key}"
            where = Location(name, None, "Om!B4:B5")
            message = f"mallen gäller {theirs}, inte {ours}; läs in den på den periodens sida"
            raise ImportRefusedError([Problem(where, message)])
    return excel_summary(found, dry_run=dry_run)


def check_upload(
    file: UploadedFile[bytes],
    kind: UploadKind,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    user: User,
    *,
    strict: bool,
    now: datetime,
) -> Upload:
    """Keep the file and its row after a dry run that accepts it; nothing at all when refused.

    The file's size and type have been checked (`limit_for`, `type_fault`). Raises
    ImportRefusedError with the dry run's problems.
    """
    name = Path(file.name or "fil").name[:255]
    root = Path(settings.MEDIA_ROOT)
    with staged(file, root / FOLDER) as found:
        if found.size == 0:
            raise UploadRefusedError("filen är tom")
        lines = run_import(
            kind,
            found.path,
            name=name,
            committee_year=committee_year,
            period=period,
            user=user,
            strict=strict,
            dry_run=True,
        )
        extension = "se" if kind is UploadKind.SIE else "csv"
        if kind is UploadKind.EXCEL or is_zipped(file):
            extension = "xlsx"
        stored = f"{FOLDER}/{committee_year.year.year}/{found.sha256}.{extension}"
        target = root / stored
        target.parent.mkdir(parents=True, exist_ok=True)
        found.path.replace(target)  # atomic: the same folder tree, the same file system
        try:
            return Upload.objects.create(
                committee_year=committee_year,
                period=period,
                kind=kind.value,
                original_name=name,
                stored=stored,
                size=found.size,
                sha256=found.sha256,
                strict=strict,
                uploaded_at=now,
                uploaded_by=user,
                summary="\n".join(lines),
            )
        except BaseException:
            if not Upload.objects.filter(stored=stored).exists():  # no earlier upload keeps it
                target.unlink(missing_ok=True)
            raise


def perform_import(upload: Upload, user: User, *, now: datetime) -> Upload:
    """Import a checked upload's kept file, in one transaction with its row marked imported.

    Raises UploadRefusedError when it was imported already or the kept file is not the one
    checked, ImportRefusedError when the import finds a fault now (nothing written).
    """
    with transaction.atomic():
        row = (
            Upload.objects.select_for_update()
            .select_related("committee_year__year")
            .get(pk=upload.pk)
        )
        if row.state != UploadState.CHECKED:
            raise UploadRefusedError(
                "filen är redan inläst; ladda upp den igen för en ny inläsning"
            )
        path = Path(settings.MEDIA_ROOT) / row.stored
        if not path.is_file() or sha256_of(path) != row.sha256:
            raise UploadRefusedError(
                "den sparade filen är inte längre den som granskades; ladda upp den igen"
            )
        lines = run_import(
            UploadKind(row.kind),
            path,
            name=row.original_name,
            committee_year=row.committee_year,
            period=row.period,
            user=user,
            strict=row.strict,
            dry_run=False,
        )
        row.state = UploadState.IMPORTED
        row.result = "\n".join(lines)
        row.imported_at = now
        row.imported_by = user
        row.save()
    return row
