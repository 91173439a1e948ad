"""Kolada pages saved to files: each page as served, wrapped with where and when it was fetched.

A saved page is a small JSON object::

    {
      "source": "Kolada",
      "url": "https://api.kolada.se/v3/data/kpi/N00002/municipality/0126/year/2023?per_page=5000",
      "fetched": "2026-11-20T09:14:03+01:00",
      "response": {"count": 1, "values": [...], "next_url": null, "previous_url": null}
    }

`response` holds Kolada's answer byte for byte; `fetched` is the local time it came, with its
offset, and its date is the fetch date kept with each value.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from uppsikt.importers.kolada.client import Page

SOURCE = "Kolada"
WRAPPER_KEYS = frozenset({"source", "url", "fetched", "response"})


def saved_text(page: Page) -> str:
    """The page wrapped with its URL and fetch time, as a file's text."""
    head = ",\n".join(
        f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in (
            ("source", SOURCE),
            ("url", page.url),
            ("fetched", page.fetched.isoformat(timespec="seconds")),
        )
    )
    return f'{{\n{head},\n  "response": {page.text.strip()}\n}}\n'


def file_name(fetched: datetime, index: int) -> str:
    """A saved page's file name from the fetch's time and the page's number.

    E.g. `kolada-20261120T091403-001.json`, so that pages sort in the order they came.
    """
    return f"kolada-{fetched:%Y%m%dT%H%M%S}-{index:03d}.json"


def save_pages(pages: list[Page], folder: Path) -> list[Path]:
    """Write each page to its own file in `folder` (created when missing); the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index, page in enumerate(pages, start=1):
        path = folder / file_name(pages[0].fetched, index)
        path.write_text(saved_text(page), encoding="utf-8")
        written.append(path)
    return written
