"""Real SIE files from other programs (`../shared/corpus/sie/`): every one reads line by line,
in the encoding its bytes have, and every `#KSUMMA` the manifest verifies verifies here too."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from tests.helpers import REPOSITORY, SHARED
from uppsikt.domain.problems import Problem
from uppsikt.importers.sie.contents import read_contents, reconcile
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
needs_corpus = pytest.mark.skipif(
    not FILES, reason=f"the SIE corpus {CORPUS} is not on this machine"
)


@needs_corpus
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


# What each file of the corpus is faulted for (code → how many); every other file reads clean.
# The Sie4j files are named after the fault they were made with.
OUTCOMES: dict[str, dict[str, int]] = {
    "byrokrat-accounting/BL0001_typ4I.SI": {"sie.bad-record": 1},  # #RAR 0 without its dates
    "byrokrat-accounting/Bokslut Norstedts SIE 4E.se": {"sie.empty-voucher": 3},
    "byrokrat-accounting/Exempelbolaget_SIE_110322_B_33.si": {"sie.unknown-account": 33},
    "Sie4j/Arousells_Visning_AB.SE": {"sie.unreconciled": 62},  # a selection of vouchers
    "Sie4j/BLBLOV_SIE2_UTF_8_with_non_numeric_account_number.SE": {"sie.bad-account": 1},
    "Sie4j/BLBLOV_SIE3_UTF_8_with_vouchers.SE": {"sie.unknown-account": 12},
    "Sie4j/BLBLOV_SIE4_ISO_8859_15.SE": {"sie.bad-date": 276},  # #PBUDGET month and account swapped
    "Sie4j/BLBLOV_SIE4_UTF_8_IMBALANCED.SI": {"sie.voucher-imbalanced": 2},
    "Sie4j/BLBLOV_SIE4_UTF_8_MISSING_ACCOUNTS.SE": {"sie.unknown-account": 13},
    "Sie4j/BLBLOV_SIE4_UTF_8_with_critical_voucher_date_error.SI": {
        "sie.bad-date": 1,
        "sie.voucher-without-date": 3,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_empty_voucher.SE": {
        "sie.empty-voucher": 1,
        "sie.unreconciled": 3,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_empty_voucher_date.SI": {"sie.voucher-without-date": 3},
    "Sie4j/BLBLOV_SIE4_UTF_8_with_erroneous_voucher_date.SI": {
        "sie.bad-date": 1,
        "sie.voucher-without-date": 3,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_faulty_transaction.SI": {
        "sie.bad-record": 1,
        "sie.voucher-imbalanced": 1,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_imbalanced_voucher.SE": {
        "sie.voucher-imbalanced": 1,
        "sie.unreconciled": 1,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_missing_account_balance.SE": {
        "sie.bad-amount": 1,
        "sie.unreconciled": 1,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_missing_account_numbers.SE": {
        "sie.bad-account": 3,
        "sie.unknown-account": 12,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_missing_account_numbers_in_transaction.SI": {
        "sie.bad-account": 2,
        "sie.voucher-imbalanced": 2,
    },
    "Sie4j/BLBLOV_SIE4_UTF_8_with_missing_voucher_date.SI": {"sie.voucher-without-date": 3},
    "Sie4j/BLBLOV_SIE4_UTF_8_with_missing_voucher_series.SE": {"sie.bad-record": 1},
    "Sie4j/BLBLOV_SIE4_UTF_8_with_non_numeric_account_number.SE": {"sie.bad-account": 1},
    "Sie4j/SIE_with_long_voucher_series_number.SE": {"sie.unreconciled": 27},
}


@needs_corpus
@pytest.mark.parametrize("row", FILES, ids=[row["path"] for row in FILES])
def test_every_file_gives_exactly_the_faults_it_has_and_the_rest_reconcile(
    row: dict[str, str],
) -> None:
    problems: list[Problem] = []
    with (CORPUS / row["path"]).open("rb") as file:
        contents = read_contents(read_records(file, row["path"], problems), row["path"])
    reconcile(contents)
    assert problems == []
    codes = Counter(problem.message.split(":", 1)[0] for problem in contents.problems)
    assert dict(codes) == OUTCOMES.get(row["path"], {})
    assert all(problem.location.file == row["path"] for problem in contents.problems)


def test_the_outcome_table_in_the_docs_is_this_one() -> None:
    text = (REPOSITORY / "docs" / "importers.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([^`]+)` \| (`sie\..+) \|$", text, flags=re.MULTILINE))
    counted = r"`(sie\.[\w-]+)` × (\d+)"
    documented = {
        path: {code: int(count) for code, count in re.findall(counted, cell)}
        for path, cell in rows.items()
    }
    assert documented == OUTCOMES
