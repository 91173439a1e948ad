"""The backup archive's manifest: what it lists, read back and checked, and compared.

A backup (`uppsikt backup`) is a tar archive: one gzipped JSON-lines member per table
(`tables/<app>.<model>.jsonl.gz`), every uploaded file as it was (`files/<path>`), and last
`manifest.json`, which lists every other member with its size and SHA-256, each table's fields
and row count, each file's path, the Uppsikt version, the applied migrations per app, the
source database's vendor and the creation time. This module is pure: the manifest as data,
its JSON, the faults of a manifest that does not hold together, and how an archive's members
and migrations differ from what the manifest and the code say.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

FORMAT = 1
MANIFEST = "manifest.json"
TABLES = "tables/"
FILES = "files/"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BackupFaultError(Exception):
    """The archive cannot be restored; the message (Swedish) names the member or field."""


@dataclass(frozen=True, slots=True)
class Member:
    """An archive member as written: its name, size in bytes and SHA-256 (hex)."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table in the archive: its model (`app.model`), fields in row order, and row count."""

    model: str
    db_table: str
    member: str
    fields: tuple[str, ...]
    rows: int


@dataclass(frozen=True, slots=True)
class StoredFile:
    """An uploaded file: its path under MEDIA_ROOT (with `/`), member, size and SHA-256."""

    path: str
    member: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    """Everything the archive says about itself."""

    uppsikt_version: str
    created_at: str  # ISO 8601 with offset
    database_vendor: str
    migrations: Mapping[str, tuple[str, ...]]  # applied migrations by app label, sorted
    tables: tuple[Table, ...]
    files: tuple[StoredFile, ...]
    members: tuple[Member, ...]
    format: int = FORMAT


def table_member(model: str) -> str:
    """The member holding a model's rows."""
    return f"{TABLES}{model}.jsonl.gz"


def file_member(path: str) -> str:
    """The member holding an uploaded file."""
    return f"{FILES}{path}"


def is_safe_path(path: str) -> bool:
    """Whether a stored path stays inside the folder it is restored into."""
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and not path.startswith("/")
        and "\\" not in path
        and "\x00" not in path
        and all(part not in {"", ".", ".."} for part in parts)
    )


def manifest_json(manifest: Manifest) -> bytes:
    """The manifest as the archive's `manifest.json` (UTF-8, keys in a fixed order)."""
    data = {
        "format": manifest.format,
        "uppsikt_version": manifest.uppsikt_version,
        "created_at": manifest.created_at,
        "database_vendor": manifest.database_vendor,
        "migrations": {app: list(names) for app, names in sorted(manifest.migrations.items())},
        "tables": [
            {
                "model": table.model,
                "db_table": table.db_table,
                "member": table.member,
                "fields": list(table.fields),
                "rows": table.rows,
            }
            for table in manifest.tables
        ],
        "files": [
            {"path": item.path, "member": item.member, "size": item.size, "sha256": item.sha256}
            for item in manifest.files
        ],
        "members": [
            {"name": member.name, "size": member.size, "sha256": member.sha256}
            for member in manifest.members
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _field(data: Mapping[str, Any], key: str, kind: type, place: str) -> Any:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BackupFaultError(f"{MANIFEST}: {place}{key} saknas eller har fel typ")
    return value


def _entries(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items: list[Mapping[str, Any]] = _field(data, key, list, "")
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise BackupFaultError(f"{MANIFEST}: {key}[{index}] är inte ett objekt")
    return items


def _digest(item: Mapping[str, Any], place: str) -> tuple[int, str]:
    size = _field(item, "size", int, place)
    sha256 = _field(item, "sha256", str, place)
    if size < 0 or not _SHA256.match(sha256):
        raise BackupFaultError(f"{MANIFEST}: {place}size eller sha256 är ogiltig")
    return size, sha256


def read_manifest(raw: bytes) -> Manifest:
    """The manifest from its bytes; raises BackupFaultError naming the first fault found."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupFaultError(f"{MANIFEST} går inte att läsa: {error}") from error
    if not isinstance(data, Mapping):
        raise BackupFaultError(f"{MANIFEST} är inte ett JSON-objekt")
    if data.get("format") != FORMAT:
        raise BackupFaultError(
            f"{MANIFEST}: okänt format {data.get('format')!r}; den här versionen läser format "
            f"{FORMAT}"
        )
    migrations = _field(data, "migrations", Mapping, "")
    for app, names in migrations.items():
        if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
            raise BackupFaultError(f"{MANIFEST}: migrations.{app} är inte en lista av namn")
    members = []
    for index, item in enumerate(_entries(data, "members")):
        name = _field(item, "name", str, f"members[{index}].")
        members.append(Member(name, *_digest(item, f"members[{index}].")))
    tables = []
    for index, item in enumerate(_entries(data, "tables")):
        place = f"tables[{index}]."
        fields = _field(item, "fields", list, place)
        rows = _field(item, "rows", int, place)
        if not fields or not all(isinstance(name, str) for name in fields) or rows < 0:
            raise BackupFaultError(f"{MANIFEST}: {place}fields eller rows är ogiltig")
        tables.append(
            Table(
                model=_field(item, "model", str, place),
                db_table=_field(item, "db_table", str, place),
                member=_field(item, "member", str, place),
                fields=tuple(fields),
                rows=rows,
            )
        )
    files = []
    for index, item in enumerate(_entries(data, "files")):
        place = f"files[{index}]."
        path = _field(item, "path", str, place)
        if not is_safe_path(path):
            raise BackupFaultError(f"{MANIFEST}: {place}path {path!r} pekar utanför mappen")
        files.append(StoredFile(path, _field(item, "member", str, place), *_digest(item, place)))
    manifest = Manifest(
        uppsikt_version=_field(data, "uppsikt_version", str, ""),
        created_at=_field(data, "created_at", str, ""),
        database_vendor=_field(data, "database_vendor", str, ""),
        migrations={app: tuple(names) for app, names in migrations.items()},
        tables=tuple(tables),
        files=tuple(files),
        members=tuple(members),
    )
    _check_consistent(manifest)
    return manifest


def _check_consistent(manifest: Manifest) -> None:
    names = [member.name for member in manifest.members]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise BackupFaultError(f"{MANIFEST}: {twice[0]} står två gånger i members")
    models = [table.model for table in manifest.tables]
    if len(set(models)) != len(models):
        raise BackupFaultError(f"{MANIFEST}: en tabell står två gånger i tables")
    listed = {member.name: member for member in manifest.members}
    for table in manifest.tables:
        if table.member != table_member(table.model) or table.member not in listed:
            raise BackupFaultError(f"{MANIFEST}: tabellen {table.model} saknar sin medlem")
    for item in manifest.files:
        member = listed.get(item.member)
        if item.member != file_member(item.path) or member is None:
            raise BackupFaultError(f"{MANIFEST}: filen {item.path} saknar sin medlem")
        if (member.size, member.sha256) != (item.size, item.sha256):
            raise BackupFaultError(f"{MANIFEST}: filen {item.path} har två olika SHA-256")
    described = {table.member for table in manifest.tables} | {f.member for f in manifest.files}
    for name in names:
        if name not in described:
            raise BackupFaultError(f"{MANIFEST}: {name} är varken en tabell eller en fil")


def member_faults(manifest: Manifest, found: Mapping[str, Member]) -> list[str]:
    """How the members found in the archive differ from those the manifest lists, by name."""
    faults = []
    for member in manifest.members:
        actual = found.get(member.name)
        if actual is None:
            faults.append(f"{member.name} saknas i arkivet")
        elif actual.size != member.size:
            faults.append(
                f"{member.name} är skadad: {actual.size} byte, manifestet säger {member.size}"
            )
        elif actual.sha256 != member.sha256:
            faults.append(f"{member.name} är skadad: SHA-256 stämmer inte med manifestet")
    listed = {member.name for member in manifest.members}
    faults += [f"{name} står inte i manifestet" for name in found if name not in listed]
    return faults


def migration_faults(
    archive: Mapping[str, tuple[str, ...]], code: Mapping[str, tuple[str, ...]], version: str
) -> list[str]:
    """Each migration only the archive or only the code has, with what to do about it."""
    faults = []
    for app in sorted(set(archive) | set(code)):
        made = set(archive.get(app, ()))
        here = set(code.get(app, ()))
        faults += [
            f"arkivet har migreringen {app}.{name}, som den här versionen av Uppsikt saknar"
            for name in sorted(made - here)
        ]
        faults += [
            f"arkivet saknar migreringen {app}.{name}, som den här versionen av Uppsikt har"
            for name in sorted(here - made)
        ]
    if faults:
        faults.append(
            f"Återställ med den Uppsikt-version som gjorde säkerhetskopian ({version}) i en tom "
            "databas, och uppgradera sedan (installera den nya versionen och kör uppsikt migrate)."
        )
    return faults
