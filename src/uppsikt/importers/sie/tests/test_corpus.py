"""Real SIE files from other programs (`../shared/corpus/sie/`): every one reads line by line,
in the encoding its bytes have, and every `#KSUMMA` the manifest verifies verifies here too."""

from __future__ import annotations

import csv

import pytest

from tests.helpers import SHARED
from uppsikt.domain.problems import Problem
from uppsikt.importers.sie.records import Checksum, checked, read_records
from uppsikt.importers.sie.text import guess_encoding

CORPUS = SHARED / "corpus" / "sie"
# The manifest's names for the encodings, as Python's codecs call them.
CODECS = {"cp437": "cp437", "utf-8": "utf-8", "latin-1/cp1252": "iso8859_15", "ascii": "ascii"}


def manifest() -> list[dict[str, str]]:
    if not (CORPUS / "MANIFEST.tsv").exists():
        return []
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as file:
        return [row for row in csv.DictReader(file, delimiter="\t") if row["kind"] == "sie"]


FILES = manifest()
pytestmark = pytest.mark.skipif(not FILES, reason=f"the SIE corpus {CORPUS} is not on this machine")


@pytest.mark.parametrize("row", FILES, ids=[row["path"] for row in FILES])
def test_every_file_reads_in_the_encoding_of_its_bytes_and_its_checksum_verifies(
    row: dict[str, str],
) -> None:
    path = CORPUS / row["path"]
    data = path.read_bytes()
    first = next((line for line in data.splitlines() if any(byte >= 0x80 for byte in line)), None)
    expected = CODECS[row["encoding"].split(" ")[0].split("(")[0]]
    assert (guess_encoding(first) if first else "ascii") == expected
    problems: list[Problem] = []
    checksum = Checksum()
    with path.open("rb") as file:
        records = list(checked(read_records(file, row["path"], problems), checksum, row["path"]))
    assert problems == []
    assert records[0].label == "#FLAGGA" or row["sietyp"] == ""
    assert checksum.verified is (True if row["ksumma"] == "OK" else None)
