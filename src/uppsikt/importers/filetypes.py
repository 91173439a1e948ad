"""What a file is, told from its bytes and never from its name: an upload's first check.

Each check answers with the reason in Swedish why the bytes are not the kind asked for, or ""
when they may be: an SIE file is text whose first record is a `#` label (`#FLAGGA`); a workbook
is a zip holding `xl/workbook.xml`, safe to open (no zip bomb, no DTD: the Excel template's own
guards); a CSV export is text with a delimiter on its first line. The importers then read the
file as they always do; these checks only keep the wrong file from reaching them.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from uppsikt.importers.excel.read import MAX_UNPACKED_BYTES, archive_fault

HEAD_BYTES = 64 * 1024  # how much of a text file the checks look at
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97–2003 (.xls) and other old Office files
WORKBOOK_PART = "xl/workbook.xml"

# Magic numbers of files people pick by mistake, with what they are called.
_KNOWN = (
    (b"%PDF", "en PDF-fil"),
    (b"\x89PNG", "en PNG-bild"),
    (b"\xff\xd8\xff", "en JPEG-bild"),
    (b"GIF8", "en GIF-bild"),
    (OLE_MAGIC, "en fil i det gamla Office-formatet (.xls eller .doc)"),
    (b"{\\rtf", "ett RTF-dokument"),
)
_BOM = b"\xef\xbb\xbf"
_LABEL = re.compile(rb"#[A-Za-z]+")
# Control characters that text never holds (tab, line feed, form feed, carriage return and the
# old end-of-file mark Ctrl-Z are allowed).
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 26}
_DELIMITERS = (b";", b",", b"\t", b"|")


def what_it_is(head: bytes) -> str:
    """What a file with these first bytes is, as a Swedish phrase ("en PDF-fil"); "" if unknown."""
    if head.startswith(ZIP_MAGIC):
        return "ett zip-arkiv (till exempel en Excel-arbetsbok)"
    return next((name for magic, name in _KNOWN if head.startswith(magic)), "")


def _text_fault(head: bytes, wanted: str) -> str:
    """Why the bytes are no text file ("" when they may be)."""
    found = what_it_is(head)
    if found:
        return f"filen är {found}, ingen {wanted}"
    if any(byte in _CONTROL for byte in head):
        return f"filen är ingen text och alltså ingen {wanted}"
    return ""


def sie_fault(head: bytes) -> str:
    """Why a file beginning with `head` is no SIE file ("" when it may be one).

    Any of the encodings SIE files come in (CP437, ISO-8859-15, UTF-8 with or without BOM) is
    plausible text; the first thing in the file must be a `#` label, as `#FLAGGA 0` is.
    """
    fault = _text_fault(head, "SIE-fil")
    if fault:
        return fault
    start = head.removeprefix(_BOM).lstrip()
    if not start:
        return "filen innehåller ingenting; en SIE-fil börjar med #FLAGGA"
    if not _LABEL.match(start):
        return "filen är ingen SIE-fil: en SIE-fil är text som börjar med #FLAGGA"
    return ""


def workbook_fault(data: bytes, max_unpacked: int = MAX_UNPACKED_BYTES) -> str:
    """Why the bytes are no Excel workbook (.xlsx) safe to open ("" when they are one)."""
    if not data.startswith(ZIP_MAGIC):
        found = what_it_is(data)
        named = f" utan {found}" if found else ""
        return f"filen är ingen Excel-arbetsbok (.xlsx){named}; spara den som .xlsx och försök igen"
    fault = archive_fault(data, max_unpacked)
    if fault:
        return fault
    with zipfile.ZipFile(BytesIO(data)) as archive:  # read once already by `archive_fault`
        if WORKBOOK_PART not in archive.namelist():
            return f"filen är ett zip-arkiv men ingen Excel-arbetsbok (den saknar {WORKBOOK_PART})"
    return ""


def csv_fault(head: bytes) -> str:
    """Why a file beginning with `head` is no CSV export ("" when it may be one)."""
    fault = _text_fault(head, "CSV-fil")
    if fault:
        return fault
    first = head.removeprefix(_BOM).lstrip(b"\r\n").split(b"\n", 1)[0]
    if not first.strip():
        return "filen innehåller ingenting; en CSV-fil börjar med en rad med kolumnnamn"
    if not any(delimiter in first for delimiter in _DELIMITERS):
        return "filen är ingen CSV-fil: första raden har inga kolumner (semikolon, komma eller tab)"
    return ""
