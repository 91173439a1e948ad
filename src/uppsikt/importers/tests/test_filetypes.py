"""What a file is, told from its bytes: every real SIE file passes as SIE, other files are named."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from uppsikt.importers.filetypes import csv_fault, sie_fault, workbook_fault
from uppsikt.importers.sie.tests.test_corpus import CORPUS, FILES, needs_corpus


def _zip(entries: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@needs_corpus
def test_every_sie_file_of_the_corpus_is_taken_for_sie_and_for_nothing_else() -> None:
    for row in FILES:
        head = (CORPUS / row["path"]).read_bytes()[:65536]
        assert sie_fault(head) == "", row["path"]
        assert workbook_fault(head) != "", row["path"]


@pytest.mark.parametrize(
    ("head", "fault"),
    [
        (b'\xef\xbb\xbf#FLAGGA 0\r\n#PROGRAM "X" 1\r\n', ""),
        (b"\r\n  #FLAGGA\t0\n", ""),
        ('#FLAGGA 0\n#FNAMN "Kommunen \x84r bra"\n'.encode("latin-1"), ""),
        (b"", "filen innehåller ingenting; en SIE-fil börjar med #FLAGGA"),
        (b"FLAGGA 0\n", "filen är ingen SIE-fil: en SIE-fil är text som börjar med #FLAGGA"),
        (b"#FLAGGA 0\n\x00\x00\x00", "filen är ingen text och alltså ingen SIE-fil"),
        (b"%PDF-1.4\n", "filen är en PDF-fil, ingen SIE-fil"),
        (b"\xff\xd8\xff\xe0", "filen är en JPEG-bild, ingen SIE-fil"),
    ],
)
def test_an_sie_file_is_text_beginning_with_a_label(head: bytes, fault: str) -> None:
    assert sie_fault(head) == fault


def test_a_workbook_is_a_safe_zip_holding_the_workbook_part() -> None:
    assert workbook_fault(_zip({"xl/workbook.xml": b"<workbook/>"})) == ""
    assert "den saknar xl/workbook.xml" in workbook_fault(_zip({"word/document.xml": b"<w/>"}))
    bomb = _zip({"xl/workbook.xml": b"<w/>", "xl/big.xml": bytes(61 * 2**20)})
    assert workbook_fault(bomb).startswith("filen packas upp till 63963140 byte i 2 delar")
    assert workbook_fault(b"\xd0\xcf\x11\xe0" + bytes(100)) == (
        "filen är ingen Excel-arbetsbok (.xlsx) utan en fil i det gamla Office-formatet "
        "(.xls eller .doc); spara den som .xlsx och försök igen"
    )


@pytest.mark.parametrize(
    ("head", "fault"),
    [
        (b"Konto;Period;Belopp\n5010;202301;100\n", ""),
        (b"\xef\xbb\xbfKonto,Belopp\r\n", ""),
        (b"Konto\tBelopp\n", ""),
        (
            b"bara en kolumn\n1\n",
            "filen är ingen CSV-fil: första raden har inga kolumner (semikolon, komma eller tab)",
        ),
        (b"\n\n", "filen innehåller ingenting; en CSV-fil börjar med en rad med kolumnnamn"),
        (b"\x89PNG\r\n\x1a\n", "filen är en PNG-bild, ingen CSV-fil"),
        (
            b"PK\x03\x04rest",
            "filen är ett zip-arkiv (till exempel en Excel-arbetsbok), ingen CSV-fil",
        ),
    ],
)
def test_a_csv_export_is_text_with_columns(head: bytes, fault: str) -> None:
    assert csv_fault(head) == fault
