"""Every fault code and usual header of the tabular importers is in docs/importers.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from uppsikt.importers.tabular.hr import HR_FIELDS
from uppsikt.importers.tabular.ledger import LEDGER_FIELDS
from uppsikt.importers.tabular.table import CODES

DOCS = (Path(__file__).parents[5] / "docs" / "importers.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented(code: str) -> None:
    assert f"| `{code}` | {CODES[code]} |" in DOCS


@pytest.mark.parametrize("field", sorted({*LEDGER_FIELDS, *HR_FIELDS}))
def test_every_field_is_documented_with_its_usual_headers(field: str) -> None:
    headers = LEDGER_FIELDS.get(field) or HR_FIELDS[field]
    assert (
        f"| `{field}` | {', '.join(header[0].upper() + header[1:] for header in headers)} |" in DOCS
    )
