"""Läs in en fil: a controller uploads a file, sees the dry run, imports it; a file too large,
of the wrong type, a zip bomb, an empty or faulty file is refused next to the field, with
nothing written to the data and no file left behind; only a committee's controller gets in."""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Callable
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from tests.helpers import database_counts
from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.datasets.models import Upload, UploadState
from uppsikt.apps.economy.models import LedgerEntry
from uppsikt.apps.economy.tests.test_import_ledger import RAINDANCE
from uppsikt.apps.economy.tests.test_import_sie import BROKEN, SIE
from uppsikt.importers.excel.tests.workbooks import edited
from uppsikt.importers.sie.tests.test_corpus import CORPUS, FILES, needs_corpus

pytestmark = pytest.mark.django_db

PERIOD = "/kommun/0126/KS/2023-T1/"
URL = f"{PERIOD}importera/"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
CSV = b"Konto;Ansvar;Period;Belopp\n5010;1100;202301;1000,00\n"
LEDGER_ROWS = [
    ("budget", 1, "5010", "1100", "", 90000),
    ("outcome", 1, "1930", "", "", -100025),
    ("outcome", 1, "5010", "1100", "210", 100025),
    ("outcome", 2, "1930", "", "", -70000),
    ("outcome", 2, "5010", "1100", "210", 70000),
]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """MEDIA_ROOT in a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def controller(as_persona: Callable[[str], Client], media: Path) -> Client:
    return as_persona("controller")


def send(client: Client, kind: str, name: str, data: bytes, **more: str) -> Any:
    """Post the upload form as a browser would."""
    return client.post(URL, {"kind": kind, "file": SimpleUploadedFile(name, data), **more})


def sie_bytes(text: str = SIE) -> bytes:
    return text.encode("cp437")


def kept(media: Path) -> list[Path]:
    """Every file under MEDIA_ROOT, temporary ones included."""
    return sorted(path for path in media.rglob("*") if path.is_file()) if media.exists() else []


def ledger() -> list[tuple[str, int, str, str, str, int]]:
    return list(
        LedgerEntry.objects.order_by("kind", "month", "account").values_list(
            "kind", "month", "account", "ansvar", "verksamhet", "amount_ore"
        )
    )


def page(client: Client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_controller_checks_an_sie_file_then_imports_it(controller: Client, media: Path) -> None:
    before = database_counts()
    data = sie_bytes()
    response = send(controller, "sie", "huvudbok 2023.se", data)
    upload = Upload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?fil={upload.pk}"
    # The dry run wrote nothing but the upload's own row, and kept the file by its SHA-256.
    assert database_counts() == {**before, "datasets.Upload": 1}
    sha256 = hashlib.sha256(data).hexdigest()
    assert kept(media) == [media / "imports" / "2023" / f"{sha256}.se"]
    assert kept(media)[0].read_bytes() == data
    assert (upload.sha256, upload.size, upload.original_name) == (
        sha256,
        len(data),
        "huvudbok 2023.se",
    )
    shown = page(controller, f"{URL}?fil={upload.pk}")
    assert "huvudbok 2023.se: 2 verifikationer, 5 transaktioner." in shown
    assert "Skulle skriva 5 huvudboksrader och skulle ersätta 0 rader" in shown
    assert ">Importera</button>" in shown

    response = controller.post(URL, {"importera": upload.pk})
    assert response.status_code == 302
    assert ledger() == LEDGER_ROWS
    upload.refresh_from_db()
    assert upload.state == UploadState.IMPORTED
    assert upload.imported_by is not None
    assert upload.imported_by.get_username() == "controller"
    assert "Skrev 5 huvudboksrader och ersatte 0 rader" in upload.result
    listed = page(controller)
    assert "huvudbok 2023.se" in listed
    assert "Inläst " in listed
    assert " av controller" in listed


def test_a_checked_file_is_imported_once_and_only_as_it_was_checked(
    controller: Client, media: Path
) -> None:
    send(controller, "sie", "bok.se", sie_bytes())
    upload = Upload.objects.get()
    stored = media / upload.stored
    stored.write_bytes(sie_bytes(SIE.replace("400.25", "900.25")))  # changed behind Uppsikt's back
    before = database_counts()
    response = controller.post(URL, {"importera": upload.pk}, follow=True)
    assert "Den sparade filen är inte längre den som granskades" in response.content.decode()
    assert database_counts() == before
    stored.write_bytes(sie_bytes())
    controller.post(URL, {"importera": upload.pk})
    assert len(ledger()) == 5
    again = controller.post(URL, {"importera": upload.pk}, follow=True)
    assert "Filen är redan inläst" in again.content.decode()


def test_an_excel_template_is_checked_and_imported_into_its_period(
    controller: Client, media: Path, tmp_path: Path
) -> None:
    out = tmp_path / "KS-2023-T1.xlsx"
    call_command(
        "export", "excel", "--committee", "KS", "--period", "2023-T1", "--out", str(out),
        stdout=StringIO(),
    )  # fmt: skip
    data = edited(out.read_bytes(), {"Uppdrag!E2": "Ändrat i webben."})
    send(controller, "excel", "mallen.xlsx", data)
    upload = Upload.objects.get()
    assert "KS 2023-T1: Skulle skriva 1 ändrade rader" in upload.summary
    assert upload.stored.endswith(".xlsx")
    controller.post(URL, {"importera": upload.pk})
    changed = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1")
    assert changed.comment == "Ändrat i webben."
    assert changed.history.first().history_change_reason == "Excel-import mallen.xlsx"


def _zip(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
REFUSED = [
    ("a PNG as SIE", "sie", "bild.png", PNG, "Filen är en PNG-bild, ingen SIE-fil."),
    ("a PDF named .se", "sie", "bok.se", PDF, "Filen är en PDF-fil, ingen SIE-fil."),
    ("an .xlsx named .se", "sie", "bok.se", XLSX, "Filen är ett zip-arkiv (till exempel en Excel"),
    ("text that is no SIE", "sie", "bok.se", CSV, "Filen är ingen SIE-fil: en SIE-fil är text"),
    ("an SIE file named .xlsx", "excel", "mall.xlsx", sie_bytes(), "Filen är ingen Excel-arbetsbok"),
    ("a PDF as Excel", "excel", "mall.xlsx", PDF, "Filen är ingen Excel-arbetsbok (.xlsx) utan en PDF"),
    ("a zip of something else", "excel", "mall.xlsx", _zip({"a.txt": b"hej"}), "Filen är ett zip-arkiv men ingen Excel-arbetsbok (den saknar xl/workbook.xml)"),
    (
        "a zip bomb",
        "excel",
        "mall.xlsx",
        _zip({"xl/workbook.xml": b"<w/>", "xl/worksheets/sheet1.xml": bytes(70 * 2**20)}),
        "Filen packas upp till 73400324 byte i 2 delar; högst 62914560 byte",
    ),
    (
        "a DTD",
        "excel",
        "mall.xlsx",
        _zip({"xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'}),
        "Filens del xl/workbook.xml har en DTD",
    ),
    ("a PNG as an ERP export", "ledger", "export.csv", PNG, "Filen är en PNG-bild, ingen CSV-fil."),
    ("an SIE file as an HR export", "hr", "hr.csv", b"#FLAGGA 0\n#SIETYP 4\n", "Filen är ingen CSV-fil"),
    ("an empty file", "sie", "bok.se", b"", "Filen är tom."),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "name", "data", "error"), [case[1:] for case in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_a_file_of_the_wrong_type_is_refused_next_to_the_field_and_nothing_is_kept(
    controller: Client, media: Path, kind: str, name: str, data: bytes, error: str
) -> None:
    before = database_counts()
    response = send(controller, kind, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<p class="error" id="id_file-error" role="alert">{error}' in html
    assert database_counts() == before
    assert kept(media) == []


@pytest.mark.parametrize("size", [2_000, 200_000], ids=["read up to the limit", "never read"])
def test_a_file_over_the_limit_is_refused_and_nothing_is_kept(
    controller: Client, media: Path, settings: Any, size: int
) -> None:
    settings.UPLOAD_MAX_BYTES = 1_000
    data = sie_bytes() + b"* " * (size // 2)
    before = database_counts()
    response = send(controller, "sie", "stor.se", data)
    assert response.status_code == 413
    html = response.content.decode()
    assert (
        '<p class="error" id="id_file-error" role="alert">Filen är större än 1000 byte, det '
        "största som tas emot. Inget har sparats.</p>"
    ) in html
    assert database_counts() == before
    assert kept(media) == []


def test_the_limit_is_told_in_megabytes(controller: Client, settings: Any) -> None:
    settings.UPLOAD_MAX_BYTES = 2**20
    response = send(controller, "sie", "stor.se", sie_bytes() + bytes(2**20))
    assert "Filen är större än 1,0 MB" in response.content.decode()


def test_an_excel_workbook_is_held_to_the_excel_readers_own_limit(
    controller: Client, media: Path
) -> None:
    big = _zip({"xl/workbook.xml": b"<w/>"}) + bytes(11 * 2**20)
    response = send(controller, "excel", "mall.xlsx", big)
    html = response.content.decode()
    assert "Filen är 11 MB; högst 10 MB tas emot för den här sortens fil." in html
    assert kept(media) == []


def test_an_erp_export_is_imported_as_budget_when_so_chosen(
    controller: Client, media: Path
) -> None:
    send(controller, "ledger_budget", "hb.csv", RAINDANCE.encode("cp1252"))
    upload = Upload.objects.get()
    assert "hb.csv: 4 rader lästa." in upload.summary
    assert upload.stored.endswith(".csv")
    controller.post(URL, {"importera": upload.pk})
    assert set(LedgerEntry.objects.values_list("kind", flat=True)) == {"budget"}
    assert "Skrev 3 huvudboksrader" in Upload.objects.get().result  # two rows of one month
    assert LedgerEntry.objects.count() == 3


def test_a_file_with_faults_is_refused_naming_each_fault_and_nothing_is_kept(
    controller: Client, media: Path
) -> None:
    before = database_counts()
    response = send(controller, "sie", "bok.se", sie_bytes(BROKEN), strict="on")
    html = response.content.decode()
    assert "Filen läses inte in: 1 fel eller varning; inget har sparats." in html
    assert "<li>bok.se:16: sie.voucher-imbalanced: verifikationens rader summerar" in html
    assert database_counts() == before
    assert kept(media) == []


def test_without_strict_mode_a_fault_is_a_warning_in_the_dry_run(
    controller: Client, media: Path
) -> None:
    send(controller, "sie", "bok.se", sie_bytes(BROKEN))
    assert "Varning: bok.se:16: sie.voucher-imbalanced" in Upload.objects.get().summary


def test_the_same_file_twice_is_kept_once(controller: Client, media: Path) -> None:
    send(controller, "sie", "bok.se", sie_bytes())
    send(controller, "sie", "kopia.se", sie_bytes())
    assert Upload.objects.count() == 2
    assert len(kept(media)) == 1


@needs_corpus
def test_a_real_sie_file_from_the_corpus_is_checked(controller: Client, media: Path) -> None:
    path = CORPUS / FILES[0]["path"]
    send(controller, "sie", path.name, path.read_bytes())
    upload = Upload.objects.get()
    assert upload.summary.startswith(f"{path.name}: ")
    assert "verifikationer" in upload.summary


@pytest.mark.parametrize("method", ["get", "post"])
def test_only_the_committees_controller_and_administrators_get_the_page(
    as_persona: Callable[[str], Client], media: Path, method: str
) -> None:
    answers = {}
    for persona in ("admin", "controller", "reporter", "reader", "outsider", "anonymous"):
        client = Client() if persona == "anonymous" else as_persona(persona)
        if method == "get":
            answers[persona] = client.get(URL).status_code
        else:
            answers[persona] = send(client, "sie", "bok.se", sie_bytes()).status_code
    expected = (
        {"admin": 302, "controller": 302} if method == "post" else {"admin": 200, "controller": 200}
    )
    assert answers == {
        **expected,
        "reporter": 403,
        "reader": 403,
        "outsider": 404,
        "anonymous": 302,
    }
    assert Upload.objects.count() == (2 if method == "post" else 0)


def test_an_upload_without_the_csrf_token_is_refused(
    as_persona: Callable[[str], Client], media: Path
) -> None:
    client = as_persona("controller")
    client.handler.enforce_csrf_checks = True
    before = database_counts()
    response = send(client, "sie", "bok.se", sie_bytes())
    assert response.status_code == 403
    assert database_counts() == before
    assert kept(media) == []


def test_the_period_page_links_to_the_upload_page_for_its_controller_only(
    as_persona: Callable[[str], Client],
) -> None:
    assert f'href="{URL}"' in page(as_persona("controller"), PERIOD)
    assert f'href="{URL}"' not in page(as_persona("reader"), PERIOD)


def test_an_upload_of_another_committee_period_is_not_found(
    controller: Client, media: Path
) -> None:
    send(controller, "sie", "bok.se", sie_bytes())
    assert controller.get(f"{URL}?fil=999999").status_code == 404
    assert controller.post(URL, {"importera": "999999"}).status_code == 404
