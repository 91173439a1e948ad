"""`uppsikt restore`: an archive from `uppsikt backup` into an empty, migrated database.

Everything is checked before anything is written: the database is migrated and empty, every
member of the archive is there, whole, and has the SHA-256 its manifest gives, and the archive
was made at the migrations this code has. Then every table is written in one transaction, in
dependency order, the rows in batches (the database's `executemany`, each value prepared by its
field as `bulk_create` does, but without `pre_save`, which would stamp `auto_now` fields with
the time of the restore), the large tables' secondary indexes built afterwards, the sequences
moved past the restored ids, and the foreign keys checked; the uploaded files are unpacked
beside MEDIA_ROOT and moved into it only when all of that has succeeded.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.db.migrations.loader import MigrationLoader

from uppsikt.apps.datasets.backup import (
    CHUNK,
    SEEDED,
    STAGING_PREFIX,
    _HashingReader,
    backed_up_models,
    decoders,
    stored_fields,
    uploaded_files,
)
from uppsikt.apps.migrated import missing_migrations
from uppsikt.importers.backup import (
    MANIFEST,
    BackupFaultError,
    Manifest,
    Member,
    StoredFile,
    Table,
    member_faults,
    migration_faults,
    read_manifest,
)

_COPY = 1 << 20
# Tables with more rows than this get their secondary indexes built after their rows.
INDEX_AFTER = 50_000
# Field types whose JSON value the database takes as it is (no preparing needed).
_PLAIN = frozenset(
    {
        "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
        "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
        "PositiveSmallIntegerField", "CharField", "TextField", "SlugField", "BooleanField",
    }
)  # fmt: skip


class RestoreRefusedError(Exception):
    """The archive was not restored and nothing was written; the message says why (Swedish)."""


def _refuse(faults: list[str], file: Path) -> RestoreRefusedError:
    lines = "\n".join(f"  {fault}" for fault in faults)
    return RestoreRefusedError(f"{file} återställs inte; inget har skrivits:\n{lines}")


def read_archive(path: Path) -> tuple[Manifest, dict[str, tarfile.TarInfo]]:
    """The manifest and members of a whole archive whose every SHA-256 matches its manifest."""
    found: dict[str, Member] = {}
    infos: dict[str, tarfile.TarInfo] = {}
    raw_manifest: bytes | None = None
    current = "arkivets början"
    try:
        with tarfile.open(path, mode="r:") as archive:
            for info in archive:
                current = info.name
                if info.name in infos:
                    raise _refuse([f"{info.name} står två gånger i arkivet"], path)
                if not info.isfile():
                    raise _refuse([f"{info.name} är inte en vanlig fil"], path)
                infos[info.name] = info
                source = archive.extractfile(info)
                assert source is not None  # a regular file always has its data
                reader = _HashingReader(source)
                if info.name == MANIFEST:
                    raw_manifest = reader.read()
                else:
                    while reader.read(_COPY):
                        pass
                found[info.name] = Member(info.name, info.size, reader.digest.hexdigest())
                current = f"det som följer efter {info.name}"
    except (tarfile.TarError, EOFError) as error:
        raise _refuse([f"arkivet är avkortat eller skadat i {current} ({error})"], path) from error
    except OSError as error:
        raise _refuse([f"arkivet går inte att läsa: {error}"], path) from error
    if raw_manifest is None:
        raise _refuse(
            [f"{MANIFEST} saknas: arkivet är avkortat eller inte gjort av uppsikt backup"], path
        )
    try:
        manifest = read_manifest(raw_manifest)
    except BackupFaultError as error:
        raise _refuse([str(error)], path) from error
    del found[MANIFEST]
    faults = member_faults(manifest, found)
    if faults:
        raise _refuse(faults, path)
    return manifest, infos


def code_migrations() -> dict[str, tuple[str, ...]]:
    """The migrations this code has, by app."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found: dict[str, list[str]] = {}
    for app, name in loader.disk_migrations:
        if app in loader.migrated_apps:
            found.setdefault(app, []).append(name)
    return {app: tuple(sorted(names)) for app, names in sorted(found.items())}


def refuse_unmigrated(path: Path) -> None:
    """Refuse when the database lacks a migration of this code."""
    missing = missing_migrations()
    if missing:
        raise _refuse(
            [
                (
                    f"databasen är inte migrerad ({missing[0]} saknas): "
                    "skapa en tom databas och kör uppsikt migrate först"
                )
            ],
            path,
        )


def refuse_mismatch(manifest: Manifest, path: Path) -> None:
    """Refuse an archive made at other migrations than this code's, or with other tables."""
    faults = migration_faults(manifest.migrations, code_migrations(), manifest.uppsikt_version)
    if faults:
        raise _refuse(faults, path)
    models_here = {model._meta.label_lower: model for model in backed_up_models()}
    for table in manifest.tables:
        model = models_here.get(table.model)
        if model is None:
            faults.append(f"{table.member}: tabellen {table.model} finns inte i den här versionen")
        elif table.fields != tuple(field.attname for field in stored_fields(model)):
            faults.append(
                f"{table.member}: fälten stämmer inte med {table.model} i den här versionen"
            )
    listed = {table.model for table in manifest.tables}
    faults += [f"arkivet saknar tabellen {label}" for label in models_here if label not in listed]
    if faults:
        raise _refuse(faults, path)


def refuse_not_empty(path: Path) -> None:
    """Refuse a database holding data (beyond what migrations write), or uploaded files."""
    faults = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if not model._meta.managed or model._meta.proxy or model._meta.swapped or label in SEEDED:
            continue
        count = model._base_manager.count()
        if count:
            faults.append(f"tabellen {model._meta.label} har {count} {_rows_word(count)}")
    root = Path(settings.MEDIA_ROOT)
    files = uploaded_files(root)
    if files:
        many = "filer" if len(files) > 1 else "fil"
        faults.append(f"MEDIA_ROOT ({root}) har {len(files)} {many}, t.ex. {files[0]}")
    if faults:
        faults.append(
            "Återställ bara till en tom databas: skapa en ny, kör uppsikt migrate och "
            "återställ dit (och töm MEDIA_ROOT)."
        )
        raise _refuse(["databasen är inte tom:", *faults], path)


def _rows_word(count: int) -> str:
    return "rad" if count == 1 else "rader"


def check_archive(path: Path) -> Manifest:
    """Verify an archive against its manifest and this code, writing nothing."""
    manifest, _ = read_archive(path)
    refuse_mismatch(manifest, path)
    return manifest


def restore_backup(path: Path, progress: Callable[[str], None] = lambda _: None) -> Manifest:
    """Restore the archive at `path` into this empty, migrated database and MEDIA_ROOT."""
    refuse_unmigrated(path)
    refuse_not_empty(path)
    manifest, infos = read_archive(path)
    refuse_mismatch(manifest, path)
    progress(f"{path}: {len(infos)} delar hela, manifestet stämmer")
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    # Unpacked inside MEDIA_ROOT itself, so that moving a file in is a rename on one file
    # system, also when MEDIA_ROOT is a share mounted of its own; backups leave it out.
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=root))
    try:
        with tarfile.open(path, mode="r:") as archive:
            for stored in manifest.files:
                _unpack(archive, infos[stored.member], staging / stored.path, stored.sha256, path)
            moved: list[Path] = []
            try:
                with transaction.atomic():
                    _write_tables(archive, manifest, infos, path, progress)
                    moved = _move_into(staging, root, manifest.files, path)
            except BaseException:
                _remove(moved)  # the transaction did not commit: neither do the files
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    progress(f"{len(manifest.files)} uppladdade filer till {root}")
    if apps.is_installed("django.contrib.contenttypes"):
        from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415

        ContentType.objects.clear_cache()
    return manifest


def _unpack(
    archive: tarfile.TarFile, info: tarfile.TarInfo, to: Path, sha: str, path: Path
) -> None:
    source = archive.extractfile(info)
    assert source is not None  # checked to be a regular file
    to.parent.mkdir(parents=True, exist_ok=True)
    reader = _HashingReader(source)
    with to.open("wb") as out:
        shutil.copyfileobj(reader, out, _COPY)
    if reader.digest.hexdigest() != sha:
        raise _refuse([f"{info.name} ändrades under återställningen"], path)


def _move_into(staging: Path, root: Path, files: Sequence[StoredFile], path: Path) -> list[Path]:
    """Move each unpacked file to its place, file by file (folders left empty may be there)."""
    moved: list[Path] = []
    try:
        for stored in files:
            target = root / stored.path
            target.parent.mkdir(parents=True, exist_ok=True)
            (staging / stored.path).replace(target)
            moved.append(target)
    except OSError as error:
        _remove(moved)
        raise _refuse([f"filerna gick inte att flytta till {root}: {error}"], path) from error
    return moved


def _remove(moved: list[Path]) -> None:
    for entry in moved:
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def _write_tables(
    archive: tarfile.TarFile,
    manifest: Manifest,
    infos: dict[str, tarfile.TarInfo],
    path: Path,
    progress: Callable[[str], None],
) -> None:
    tables = {table.model: table for table in manifest.tables}
    digests = {member.name: member.sha256 for member in manifest.members}
    order = backed_up_models()
    for model in reversed(order):
        if model._meta.label_lower in SEEDED:
            model._base_manager.all().delete()
    for model in order:
        table = tables[model._meta.label_lower]
        with _indexes_after(model, table.rows):
            source = archive.extractfile(infos[table.member])
            assert source is not None  # checked to be a regular file
            _write_table(source, table, model, digests[table.member], path)
        progress(f"{table.model}: {table.rows} rader")
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), order):
            cursor.execute(statement)
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in order])
    except DatabaseError as error:
        raise _refuse([f"arkivets rader hänger inte ihop: {error}"], path) from error


@contextmanager
def _indexes_after(model: type[models.Model], rows: int) -> Iterator[None]:
    """Build a large table's secondary indexes once, after its rows, rather than row by row."""
    indexes = model._meta.indexes if rows > INDEX_AFTER else []
    editor = connection.schema_editor()
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(str(index.name))}")
    yield
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute(str(index.create_sql(model, editor)))


def _preparers(fields: list[models.Field[Any, Any]]) -> list[Callable[[Any], Any] | None]:
    prepared: list[Callable[[Any], Any] | None] = []
    for field in fields:
        plain = type(field).__module__.startswith("django.db.models.fields") and (
            field.get_internal_type() in _PLAIN
            or (field.is_relation and field.target_field.get_internal_type() in _PLAIN)  # type: ignore[attr-defined]
        )
        prepared.append(
            None if plain else lambda value, field=field: field.get_db_prep_save(value, connection)  # type: ignore[misc]
        )
    return prepared


def _rows(
    source: IO[bytes], table: Table, fields: list[models.Field[Any, Any]]
) -> Iterator[list[Any]]:
    decode = list(enumerate(decoders(fields)))
    prepare = list(enumerate(_preparers(fields)))
    width = len(fields)
    with gzip.GzipFile(fileobj=source) as unzipped:
        for number, line in enumerate(io.TextIOWrapper(unzipped, encoding="utf-8"), 1):
            try:
                row = json.loads(line)
                if not isinstance(row, list) or len(row) != width:
                    raise ValueError(f"väntade {width} värden")
                for index, codec in decode:
                    if codec is not None and row[index] is not None:
                        row[index] = codec(row[index])
                for index, preparer in prepare:
                    if preparer is not None:
                        row[index] = preparer(row[index])
            except (ValueError, TypeError, ArithmeticError) as error:
                raise RestoreRefusedError(f"{table.member}, rad {number}: {error}") from error
            yield row


def _write_table(
    source: IO[bytes],
    table: Table,
    model: type[models.Model],
    sha256: str,
    path: Path,
) -> None:
    fields = stored_fields(model)
    quote = connection.ops.quote_name
    # Names from the models' own metadata, quoted; the values go as parameters.
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(str(field.column)) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    reader = _HashingReader(source)
    count = 0
    batch: list[list[Any]] = []
    try:
        with connection.cursor() as cursor:
            for row in _rows(reader, table, fields):  # type: ignore[arg-type]
                batch.append(row)
                if len(batch) == CHUNK:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    except (DatabaseError, OSError, EOFError) as error:
        raise _refuse([f"{table.member}: raderna gick inte att skriva: {error}"], path) from error
    except RestoreRefusedError as error:
        raise _refuse([str(error)], path) from error
    if count != table.rows:
        raise _refuse([f"{table.member} har {count} rader, manifestet säger {table.rows}"], path)
    while reader.read(_COPY):  # whatever gzip did not need, so the digest covers the member
        pass
    if reader.digest.hexdigest() != sha256:
        raise _refuse([f"{table.member} ändrades under återställningen"], path)
