"""Helpers shared by tests in several packages."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
from django.apps import apps
from django.db import connection
from psycopg import sql

REPOSITORY = Path(__file__).parents[1]
SHARED = REPOSITORY.parent / "shared"

# The reference report's summary as published, with its typed figures.
PUBLISHED_SUMMARY = """Kommunstyrelsen prognostiserar vid årets slut ett underskott om 6,4 miljoner kronor
vilket är en avvikelse på 0,9 procent mot tilldelad budgetram. Underskottet beror på högre
lokalförvaltning- och ökade kapitalkostnader.

Kommunstyrelsen har tillfört medel för 15 satsningar under 2023. Bedömningen är att samtliga
åtaganden kommer att genomföras men att medel för fyra av dessa inte till fullo kommer att förbrukas.

Av de 24 uppdrag som tilldelats nämndens verksamheter beräknas en inte bli färdiga under året.

Inom internkontrollen bedöms tre av åtta riskåtgärder inte kunna färdigställas under året. Två av
dessa föreslås flyttas fram till 2024. Kommunstyrelsen har 11 internkontroller. Samtliga kommer
troligen färdigställas under året."""


def database_counts() -> dict[str, int]:
    """The number of rows of every Uppsikt model and history table."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.startswith("uppsikt.")
    }


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.textarea: str | None = None  # the name of the text area being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("name") and found.get("type") != "submit":
            self.fields[str(found["name"])] = found.get("value") or ""
        elif tag == "textarea" and found.get("name"):
            self.textarea = str(found["name"])
            self.fields[self.textarea] = ""

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self.textarea is not None:
            # A browser leaves out the one line break that may follow <textarea>.
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")
            self.textarea = None


def form_fields(html: str) -> dict[str, str]:
    """Every named input and text area of a page with its value, as a browser sends the form."""
    parser = _Fields()
    parser.feed(html)
    return parser.fields


@contextmanager
def scratch_database(folder: Path) -> Iterator[str]:
    """A `DATABASE_URL` for a new, empty database of the kind the suite runs on, dropped after.

    On PostgreSQL a database of its own on the suite's server; otherwise a SQLite file in
    `folder`. For tests that run `uppsikt` commands in other processes.
    """
    config = connection.settings_dict
    if connection.vendor != "postgresql":
        yield f"sqlite:///{folder / 'scratch.sqlite3'}"
        return
    name = f"uppsikt_scratch_{uuid.uuid4().hex[:12]}"
    server = psycopg.connect(_postgres_url(config, "postgres"), autocommit=True)
    with server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            yield _postgres_url(config, name)
        finally:
            server.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def _postgres_url(config: dict[str, Any], name: str) -> str:
    """The URL of database `name` on the server and as the user of the suite's connection."""
    password = f":{quote(str(config['PASSWORD']))}" if config.get("PASSWORD") else ""
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{quote(str(config['USER']))}{password}@{host}:{port}/{name}"
