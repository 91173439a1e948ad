"""`uppsikt backup` and `uppsikt restore`: every table and file back, or nothing written."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg
import pytest
from conftest import make_persona
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from pytest_django.fixtures import Settings

from uppsikt import __version__
from uppsikt.apps.api.tokens import create_token
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.datasets.backup import LEFT_OUT, SEEDED, backed_up_models
from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.economy.ledger import rebuild_summaries
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.apps.organisation.models import Municipality
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.reporting.services import freeze
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.backup import MANIFEST, BackupFaultError, read_manifest

pytestmark = pytest.mark.django_db

UPLOADS = {
    "importer/2023/huvudbok mars.csv": b"Konto;Belopp\n4010;-1 234,50\n",
    "bilagor/årsredovisning.pdf": bytes(range(256)) * 40,
}


def canonical() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every model, history and many-to-many tables included, by primary key."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        names = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label] = [
            tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
            for row in model._base_manager.order_by("pk").values_list(*names)
        ]
    return rows


def _plain(value: object) -> object:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Decimal | datetime | date | uuid.UUID):
        return str(value)
    raise TypeError(type(value))


def print_canonical() -> None:
    """The canonical rows as JSON on standard output (for comparing two databases)."""
    sys.stdout.write(json.dumps(canonical(), default=_plain, sort_keys=True))


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def uploads_in(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def populated(loaded: Dataset, settings: Settings, tmp_path: Path) -> Path:
    """The example with people, history, a ledger and uploaded files."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for path, content in UPLOADS.items():
        (settings.MEDIA_ROOT / path).parent.mkdir(parents=True, exist_ok=True)
        (settings.MEDIA_ROOT / path).write_bytes(content)
    controller = make_persona("controller")
    make_persona("reporter")
    group = Group.objects.create(name="Controllers")
    group.permissions.add(*Permission.objects.filter(codename__startswith="view_")[:5])
    controller.groups.add(group)
    create_token(controller, "Ekonomisystemet", now=timezone.now())
    assignment = Assignment.objects.get(code="U01")
    for text in ("Första ändringen", "Andra ändringen, med åäö"):
        assignment.text = text
        assignment.save()
    committee_year = CommitteeYear.objects.get()
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            committee_year=committee_year, kind="outcome", year=2023, month=1 + n % 12,
            account=f"{4000 + n % 50}", verksamhet=f"{100 + n % 7}", amount_ore=-123_456 * n,
        )
        for n in range(300)
    )  # fmt: skip
    rebuild_summaries(committee_year)
    return tmp_path


def empty_database() -> None:
    """What `uppsikt migrate` leaves in a new database: no data, the seeded tables filled."""
    # Inside the test's transaction PostgreSQL truncates only once the deferred foreign-key
    # checks of the rows written so far have run.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def archive(populated: Path, settings: Settings) -> Path:
    """A backup of the populated database, which is then emptied, as a new one would be."""
    out = populated / "uppsikt.tar"
    run("backup", "--out", str(out))
    empty_database()
    settings.MEDIA_ROOT = populated / "restored-media"
    return out


def test_a_migrated_database_holds_rows_only_in_the_seeded_tables() -> None:
    holding = {
        model._meta.label_lower
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._base_manager.exists()
    }
    assert holding <= SEEDED


def test_every_model_but_the_sessions_is_backed_up() -> None:
    every = {
        model._meta.label_lower
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    assert {model._meta.label_lower for model in backed_up_models()} == every - LEFT_OUT
    assert {"sessions.session"} == LEFT_OUT


def test_a_backup_restored_into_an_empty_database_gives_every_row_and_file_back(
    populated: Path, settings: Settings
) -> None:
    controller = User.objects.get(username="controller")
    freeze(CommitteePeriod.objects.get(period__kind="T1"), controller)
    before = canonical()
    frozen = {report.pk: report.sha256 for report in FrozenReport.objects.all()}
    assert len(frozen) == 4
    assert len(before["assignments.HistoricalAssignment"]) > 24
    out = populated / "uppsikt.tar"
    said = run("backup", "--out", str(out))
    assert f"Skrev {out}:" in said
    assert out.stat().st_mode & 0o777 == 0o600
    with tarfile.open(out) as opened:
        manifest = read_manifest(opened.extractfile(MANIFEST).read())  # type: ignore[union-attr]
    assert manifest.database_vendor == connection.vendor
    assert {table.model: table.rows for table in manifest.tables}["economy.ledgerentry"] == 300
    assert {item.path: item.sha256 for item in manifest.files} == {
        path: hashlib.sha256(content).hexdigest() for path, content in UPLOADS.items()
    }

    empty_database()
    assert Municipality.objects.count() == 0
    settings.MEDIA_ROOT = populated / "restored-media"
    said = run("restore", str(out))
    assert f"{out} är återställt:" in said

    assert canonical() == before
    assert uploads_in(settings.MEDIA_ROOT) == UPLOADS
    for report in FrozenReport.objects.all():
        assert report.sha256 == frozen[report.pk]
        assert hashlib.sha256(bytes(report.content)).hexdigest() == report.sha256
    # The sequences were moved past the restored ids: new rows get new ones.
    newest = LedgerEntry.objects.order_by("-pk").first()
    assert newest is not None
    added = LedgerEntry.objects.create(
        committee_year=newest.committee_year, kind="budget", year=2023, month=1, account="3000",
        amount_ore=1,
    )  # fmt: skip
    assert added.pk > newest.pk
    assert Municipality.objects.create(kolada_id="9999", name="Ny kommun").pk > 1


def test_an_archive_is_checked_without_writing(archive: Path) -> None:
    before = canonical()
    said = run("restore", str(archive), "--check")
    assert "är helt och passar den här versionen" in said
    assert canonical() == before


def _member(path: Path, name: str) -> tarfile.TarInfo:
    with tarfile.open(path) as opened:
        return opened.getmember(name)


def _corrupt(path: Path) -> str:
    name = "tables/economy.ledgerentry.jsonl.gz"
    info = _member(path, name)
    data = bytearray(path.read_bytes())
    data[info.offset_data + info.size // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    return f"{name} är skadad: SHA-256 stämmer inte med manifestet"


def _truncate(path: Path) -> str:
    name = "tables/economy.tablecell.jsonl.gz"
    info = _member(path, name)
    path.write_bytes(path.read_bytes()[: info.offset_data + info.size // 2])
    return f"arkivet är avkortat eller skadat i {name}"


def _rewrite_manifest(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    members = []
    with tarfile.open(path) as opened:
        for info in opened:
            data = opened.extractfile(info).read()  # type: ignore[union-attr]
            if info.name == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                info.size = len(data)
            members.append((info, data))
    with tarfile.open(path, "w") as rewritten:
        for info, data in members:
            rewritten.addfile(info, io.BytesIO(data))


def _other_migrations(path: Path) -> str:
    def change(manifest: dict[str, Any]) -> None:
        manifest["migrations"]["economy"].remove("0003_version")
        manifest["migrations"]["goals"].append("0099_from_the_future")

    _rewrite_manifest(path, change)
    return (
        "arkivet saknar migreringen economy.0003_version, som den här versionen av Uppsikt "
        "har\n  arkivet har migreringen goals.0099_from_the_future, som den här versionen av "
        "Uppsikt saknar\n  Återställ med den Uppsikt-version som gjorde säkerhetskopian "
        f"({__version__})"
    )


def _unlisted_member(path: Path) -> str:
    with tarfile.open(path, "a") as opened:
        info = tarfile.TarInfo("files/smugglad.txt")
        info.size = 3
        opened.addfile(info, io.BytesIO(b"hej"))
    return "files/smugglad.txt står inte i manifestet"


def _path_outside(path: Path) -> str:
    def change(manifest: dict[str, Any]) -> None:
        manifest["files"][0]["path"] = "../../etc/cron.d/x"

    _rewrite_manifest(path, change)
    return "files[0].path '../../etc/cron.d/x' pekar utanför mappen"


@pytest.mark.parametrize(
    "damage",
    [_corrupt, _truncate, _other_migrations, _unlisted_member, _path_outside],
    ids=["corrupted member", "truncated", "other migrations", "unlisted member", "path outside"],
)
def test_a_damaged_or_foreign_archive_is_refused_naming_why_and_nothing_is_written(
    archive: Path, settings: Settings, damage: Callable[[Path], str]
) -> None:
    message = damage(archive)
    before = canonical()
    for check in ([], ["--check"]):
        with pytest.raises(CommandError) as refused:
            run("restore", str(archive), *check)
        assert str(refused.value).startswith(f"{archive} återställs inte; inget har skrivits:")
        assert message in str(refused.value)
    assert canonical() == before
    assert not Path(settings.MEDIA_ROOT).exists()


def test_a_database_holding_data_is_refused_naming_its_tables(
    populated: Path, settings: Settings
) -> None:
    out = populated / "uppsikt.tar"
    run("backup", "--out", str(out))
    before = canonical()
    with pytest.raises(CommandError) as refused:
        run("restore", str(out))
    assert "databasen är inte tom:" in str(refused.value)
    assert "tabellen organisation.Municipality har 1 rad" in str(refused.value)
    assert "tabellen economy.LedgerEntry har 300 rader" in str(refused.value)
    assert f"MEDIA_ROOT ({settings.MEDIA_ROOT}) har 2 filer" in str(refused.value)
    assert canonical() == before
    assert uploads_in(settings.MEDIA_ROOT) == UPLOADS


def test_uploaded_files_alone_make_the_target_not_empty(archive: Path, settings: Settings) -> None:
    (Path(settings.MEDIA_ROOT) / "kvar.txt").parent.mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "kvar.txt").write_text("kvar")
    with pytest.raises(CommandError, match=r"MEDIA_ROOT \(.*\) har 1 fil, t.ex. kvar.txt"):
        run("restore", str(archive))
    assert Municipality.objects.count() == 0


def test_a_backup_never_overwrites_a_file(populated: Path) -> None:
    out = populated / "uppsikt.tar"
    out.write_text("gammal")
    with pytest.raises(CommandError, match="finns redan; välj ett nytt filnamn"):
        run("backup", "--out", str(out))
    assert out.read_text() == "gammal"


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        (b"{", "manifest.json går inte att läsa"),
        (b'{"format": 2}', "okänt format 2"),
        (b'{"format": 1, "migrations": {}}', "manifest.json: members saknas eller har fel typ"),
    ],
)
def test_a_broken_manifest_is_named(text: bytes, fault: str) -> None:
    with pytest.raises(BackupFaultError, match=fault):
        read_manifest(text)


def _server() -> str:
    """The PostgreSQL server the slow test makes its database on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        url = os.environ.get("UPPSIKT_TEST_POSTGRES_URL", "postgres://root@127.0.0.1:5432/test")
    return url.rsplit("/", 1)[0]


def uppsikt(*args: str, env: dict[str, str], cwd: Path) -> str:
    command = [str(Path(sys.executable).parent / "uppsikt"), *args]
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


SOURCE_EXTRAS = """
from django.contrib.auth.models import User
from django.utils import timezone
from uppsikt.apps.api.tokens import create_token
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear
from uppsikt.apps.reporting.services import freeze
user = User.objects.create_user("controller", password="controller-lösenord-1")
create_token(user, "Ekonomisystemet", now=timezone.now())
year = CommitteeYear.objects.get()
LedgerEntry.objects.bulk_create(
    LedgerEntry(committee_year=year, kind="outcome", year=2023, month=1 + n % 12,
                account=str(4000 + n), amount_ore=-n * 101) for n in range(500))
freeze(CommitteePeriod.objects.get(), user)
"""


@pytest.mark.slow
def test_a_sqlite_database_moves_to_postgresql_through_backup_and_restore(tmp_path: Path) -> None:
    server = _server()
    try:
        with psycopg.connect(f"{server}/postgres", connect_timeout=2, autocommit=True):
            pass
    except psycopg.Error:
        pytest.skip(f"no PostgreSQL server answers at {server}")
    base = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    source = {
        **base,
        "DATABASE_URL": f"sqlite:///{tmp_path}/source.sqlite3",
        "UPPSIKT_MEDIA_ROOT": str(tmp_path / "media-source"),
    }
    (tmp_path / "media-source" / "importer").mkdir(parents=True)
    (tmp_path / "media-source" / "importer" / "huvudbok.csv").write_bytes(b"Konto;Belopp\n")
    uppsikt("migrate", env=source, cwd=tmp_path)
    uppsikt("load", str(EXAMPLE), env=source, cwd=tmp_path)
    uppsikt("shell", "-c", SOURCE_EXTRAS, env=source, cwd=tmp_path)
    uppsikt("backup", "--out", str(tmp_path / "flytt.tar"), env=source, cwd=tmp_path)

    name = f"h_bak_move_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        target = {
            **base,
            "DATABASE_URL": f"{server}/{name}",
            "UPPSIKT_MEDIA_ROOT": str(tmp_path / "media-target"),
        }
        uppsikt("migrate", env=target, cwd=tmp_path)
        said = uppsikt("restore", str(tmp_path / "flytt.tar"), env=target, cwd=tmp_path)
        assert "är återställt" in said
        assert "från sqlite" in said
        dump = "from uppsikt.apps.datasets.tests.test_backup import print_canonical as p; p()"
        root = {"PYTHONPATH": str(Path(__file__).parents[5])}  # where conftest.py is
        moved = json.loads(
            uppsikt("shell", "--no-imports", "-c", dump, env=target | root, cwd=tmp_path)
        )
        original = json.loads(
            uppsikt("shell", "--no-imports", "-c", dump, env=source | root, cwd=tmp_path)
        )
        assert moved == original
        assert len(moved["economy.LedgerEntry"]) == 500
        assert len(moved["reporting.FrozenReport"]) == 4
        assert uploads_in(tmp_path / "media-target") == uploads_in(tmp_path / "media-source")
        uppsikt(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; User.objects.create_user('ny')",
            env=target,
            cwd=tmp_path,
        )
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
