"""`uppsikt backup`: every table and every uploaded file in one tar archive with a manifest.

Every model of every installed app is written, in dependency order, one gzipped JSON-lines
member per table: a JSON array per row, the fields in the manifest's order, primary keys kept
(so foreign keys and history stay as they are) and values in a form every database reads back
exactly (`encoders`). Rows are read in chunks (`iterator`), each member is written to a
temporary file beside the archive while its SHA-256 is computed, then appended to the tar, so
memory stays flat whatever the ledger holds. Sessions are left out: they are short-lived, and
a restored installation signs everyone in again. The reading happens in one snapshot
(PostgreSQL REPEATABLE READ; SQLite a deferred read transaction, which lets writers go on in
WAL mode), so the archive is consistent while people work.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import tarfile
import tempfile
from base64 import b64decode, b64encode
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import uppsikt
from uppsikt.importers.backup import (
    MANIFEST,
    Manifest,
    Member,
    StoredFile,
    Table,
    file_member,
    manifest_json,
    table_member,
)

# Left out of every backup (and so never restored): sessions, see the module's docstring.
LEFT_OUT = frozenset({"sessions.session"})
# Tables that `uppsikt migrate` itself fills (content types, permissions, the code lists seeded
# by a data migration): an empty database may hold them, and a restore replaces their rows with
# the archive's, so the primary keys that other tables point to stay the same.
SEEDED = frozenset(
    {"contenttypes.contenttype", "auth.permission", "economy.activity", "economy.accountclass"}
)
CHUNK = 2000  # rows read and written at a time
_COPY = 1 << 20  # bytes copied at a time

Codec = Callable[[Any], Any]


def backed_up_models() -> list[type[models.Model]]:
    """Every model holding data, auto-created many-to-many tables included, referenced first."""
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.label_lower not in LEFT_OUT
    ]
    return dependency_order(found)


def dependency_order(found: list[type[models.Model]]) -> list[type[models.Model]]:
    """The models, each after those its foreign keys point to (cycles broken in given order)."""
    wanted = set(found)
    needs = {
        model: {
            field.related_model
            for field in model._meta.concrete_fields
            if field.is_relation
            and field.related_model in wanted
            and field.related_model is not model
        }
        for model in found
    }
    ordered: list[type[models.Model]] = []
    remaining = list(found)
    while remaining:
        done = set(ordered)
        ready = next((model for model in remaining if needs[model] <= done), remaining[0])
        ordered.append(ready)
        remaining.remove(ready)
    return ordered


def stored_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The columns a row is written and read back with (generated columns are computed)."""
    return [
        field for field in model._meta.concrete_fields if not getattr(field, "generated", False)
    ]


def _base_type(field: models.Field[Any, Any]) -> str:
    while field.is_relation and field.target_field is not field:  # type: ignore[attr-defined]
        field = field.target_field  # type: ignore[attr-defined]
    return field.get_internal_type()


def _datetime_out(value: datetime) -> str:
    return (value.astimezone(UTC) if value.tzinfo else value).isoformat()


def _binary_out(value: bytes | memoryview) -> str:
    return b64encode(bytes(value)).decode("ascii")


# Values JSON cannot hold as they are, by the field's internal type: (to JSON, from JSON).
CODECS: dict[str, tuple[Codec, Codec]] = {
    "DecimalField": (str, Decimal),
    "DateTimeField": (_datetime_out, datetime.fromisoformat),
    "DateField": (date.isoformat, date.fromisoformat),
    "TimeField": (time.isoformat, time.fromisoformat),
    "DurationField": (
        lambda value: value // timedelta(microseconds=1),
        lambda n: timedelta(microseconds=n),
    ),
    "BinaryField": (_binary_out, b64decode),
    "UUIDField": (str, UUID),
}


def encoders(fields: list[models.Field[Any, Any]]) -> list[Codec | None]:
    """Per field, how its value becomes JSON (None: it already is)."""
    return [CODECS[kind][0] if (kind := _base_type(field)) in CODECS else None for field in fields]


def decoders(fields: list[models.Field[Any, Any]]) -> list[Codec | None]:
    """Per field, how its JSON becomes the value again (None: it already is)."""
    return [CODECS[kind][1] if (kind := _base_type(field)) in CODECS else None for field in fields]


def encoded_rows(model: type[models.Model]) -> Iterator[list[Any]]:
    """The model's rows by primary key, each a list of JSON values in `stored_fields` order."""
    fields = stored_fields(model)
    codecs = [(index, codec) for index, codec in enumerate(encoders(fields)) if codec]
    rows = model._base_manager.order_by("pk").values_list(*[field.attname for field in fields])
    for row in rows.iterator(chunk_size=CHUNK):
        values = list(row)
        for index, codec in codecs:
            if values[index] is not None:
                values[index] = codec(values[index])
        yield values


class _Hashing:
    """A writable file that passes bytes on and keeps their SHA-256 and count."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        """Write and count."""
        self.digest.update(data)
        self.size += len(data)
        return self.target.write(data)

    def flush(self) -> None:
        """Flush the target."""
        self.target.flush()


def _tar_info(name: str, size: int, moment: datetime) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(moment.timestamp())
    info.mode = 0o600
    return info


def _add_table(
    archive: tarfile.TarFile, model: type[models.Model], moment: datetime, scratch: Path
) -> tuple[Table, Member]:
    name = table_member(model._meta.label_lower)
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=True).encode
    with tempfile.TemporaryFile(dir=scratch) as temporary:
        hashing = _Hashing(temporary)
        count = 0
        with gzip.GzipFile(fileobj=hashing, mode="wb", compresslevel=1, mtime=0) as out:
            lines: list[str] = []
            for row in encoded_rows(model):
                lines.append(encode(row))
                if len(lines) == CHUNK:
                    out.write(("\n".join(lines) + "\n").encode("utf-8"))
                    count += len(lines)
                    lines = []
            if lines:
                out.write(("\n".join(lines) + "\n").encode("utf-8"))
                count += len(lines)
        temporary.seek(0)
        archive.addfile(_tar_info(name, hashing.size, moment), temporary)
    table = Table(
        model=model._meta.label_lower,
        db_table=model._meta.db_table,
        member=name,
        fields=tuple(field.attname for field in stored_fields(model)),
        rows=count,
    )
    return table, Member(name, hashing.size, hashing.digest.hexdigest())


# The names of what is still being written under MEDIA_ROOT (see uploads.py and restore.py).
UPLOADING_PREFIX = ".upload-"
STAGING_PREFIX = ".restore-"


def uploaded_files(root: Path) -> list[str]:
    """Every regular file under MEDIA_ROOT, as sorted paths with `/` (links are not followed).

    Files still being written are not uploaded files yet: an upload's `.upload-….part` and a
    restore's unpacking folder are left out.
    """
    if not root.is_dir():
        return []
    found = []
    for folder, names, files in os.walk(root):
        names[:] = sorted(name for name in names if not name.startswith(STAGING_PREFIX))
        for file_name in files:
            if file_name.startswith(UPLOADING_PREFIX):
                continue
            path = Path(folder) / file_name
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


class _HashingReader:
    """A readable file that keeps the SHA-256 of what was read."""

    def __init__(self, source: IO[bytes]) -> None:
        self.source = source
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        """Read and hash."""
        data = self.source.read(size)
        self.digest.update(data)
        return data


def _add_file(archive: tarfile.TarFile, root: Path, path: str) -> StoredFile:
    source = root / path
    size = source.stat().st_size
    with source.open("rb") as opened:
        reader = _HashingReader(opened)
        moment = datetime.fromtimestamp(source.stat().st_mtime, UTC)
        archive.addfile(_tar_info(file_member(path), size, moment), reader)
    return StoredFile(path, file_member(path), size, reader.digest.hexdigest())


@contextmanager
def read_snapshot() -> Iterator[None]:
    """One consistent view of the database for every table, without holding writers back."""
    if connection.in_atomic_block:  # already inside a transaction (tests): its view it is
        yield
        return
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        mode = connection.transaction_mode  # type: ignore[attr-defined]
        connection.transaction_mode = "DEFERRED"  # type: ignore[attr-defined]
        try:
            with transaction.atomic():
                yield
        finally:
            connection.transaction_mode = mode  # type: ignore[attr-defined]
        return
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def applied_migrations() -> dict[str, tuple[str, ...]]:
    """The database's applied migrations of every installed app that has migrations."""
    installed = MigrationLoader(None, ignore_no_migrations=True).migrated_apps
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if app in installed:
            applied.setdefault(app, []).append(name)
    return {app: tuple(sorted(names)) for app, names in sorted(applied.items())}


def write_backup(out: Path, progress: Callable[[str], None] = lambda _: None) -> Manifest:
    """Write the whole database and MEDIA_ROOT to `out`, a new tar archive; the manifest back.

    The archive is written as `out` + `.part` and renamed when complete, so a file with the
    name asked for is always a whole backup. It is readable by its owner only.
    """
    moment = timezone.now().astimezone(UTC).replace(microsecond=0)
    partial = out.with_name(out.name + ".part")
    root = Path(settings.MEDIA_ROOT)
    tables: list[Table] = []
    members: list[Member] = []
    files: list[StoredFile] = []
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as archive,
        ):
            with read_snapshot():
                migrations = applied_migrations()
                for model in backed_up_models():
                    table, member = _add_table(archive, model, moment, out.parent)
                    tables.append(table)
                    members.append(member)
                    progress(f"{table.model}: {table.rows} rader")
            for path in uploaded_files(root):
                stored = _add_file(archive, root, path)
                files.append(stored)
                members.append(Member(stored.member, stored.size, stored.sha256))
            progress(f"{len(files)} uppladdade filer")
            manifest = Manifest(
                uppsikt_version=uppsikt.__version__,
                created_at=moment.isoformat(),
                database_vendor=connection.vendor,
                migrations=migrations,
                tables=tuple(tables),
                files=tuple(files),
                members=tuple(members),
            )
            data = manifest_json(manifest)
            archive.addfile(_tar_info(MANIFEST, len(data), moment), io.BytesIO(data))
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest
