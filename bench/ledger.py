"""Benchmark: five million ledger rows for one committee-year, aggregated to every economy table.

The example's eleven tables get ledger rules (accounts to cost types, RS activity codes to
activity rows, project and activity codes to initiatives, investments and projects), a ledger of
generated rows is written for 2021–2023, and then:

- "summaries": `rebuild_summaries`, the one pass over the raw ledger after an import;
- "serve <table>": one table of 2023-T1 computed from its summaries (`served_table`);
- "plain SQL <table>": the baseline, the same table's ledger cells summed straight from the raw
  ledger by one SQL query per table (CASE on the rules, conditional sums per column).

Run by `bench/run.py`; `python bench/ledger.py ROWS` runs it alone on `DATABASE_URL`.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from uppsikt.apps.datasets.demo import EXAMPLE  # noqa: E402
from uppsikt.apps.economy.ledger import rebuild_summaries, served_table  # noqa: E402
from uppsikt.apps.economy.mapping import table_to_domain  # noqa: E402
from uppsikt.apps.economy.models import LedgerEntry  # noqa: E402
from uppsikt.apps.organisation.models import Municipality  # noqa: E402
from uppsikt.apps.periods.models import CommitteeYear  # noqa: E402
from uppsikt.domain.economy.ledger import DIMENSIONS, LedgerRule  # noqa: E402
from uppsikt.domain.economy.tables import ColumnKind, FinancialTable, Span  # noqa: E402
from uppsikt.domain.periods import PeriodKey  # noqa: E402

T1 = PeriodKey.parse("2023-T1")
OPERATING = ["3-7"]
ACTIVITIES = {
    "namnd-styrelse": "100", "partistod": "110", "ovrig-politisk": "130",
    "fysisk-planering": "215", "naringsliv": "220", "konsument-energi": "225", "vagnat": "249",
    "parker": "250", "miljo-halsoskydd": "261", "miljo-halsa": "263", "alkoholtillstand": "267",
    "raddningstjanst": "270", "totalforsvar": "275", "fardtjanst": "530", "gemensamma": "9",
}  # fmt: skip
COST_TYPES = {
    "intakter": ["3"], "personal": ["5"], "lokaler": ["60-61"], "bidrag": ["45"],
    "kop": ["46"], "ovrigt": ["4", "62-79"],
}  # fmt: skip


def rules_for(table: dict[str, Any]) -> list[dict[str, Any]]:
    """Ledger rules for one of the example's tables, by what its rows are."""
    key = table["key"]
    leaves = []

    def walk(rows: list[dict[str, Any]]) -> None:
        for row in rows:
            if row.get("rows"):
                walk(row["rows"])
            elif row.get("kind", "data") == "data":
                leaves.append(row["key"])

    walk(table["rows"])
    if key == "resultatrakning":
        return [{"row": row, "accounts": list(COST_TYPES[row])} for row in leaves]
    if key == "verksamhet" or key.startswith("netto-"):
        return [
            {"row": row, "accounts": list(OPERATING), "verksamhet": [ACTIVITIES.get(row, "9")]}
            for row in leaves
        ]
    if key == "satsningar":
        return [{"row": row, "aktivitet": [f"A{i:02d}"]} for i, row in enumerate(leaves, 1)]
    if key in {"investeringar", "samhallsbyggnad", "exploatering", "digitaliseringspott"}:
        prefix = {"investeringar": "I", "samhallsbyggnad": "S", "exploatering": "E"}.get(key, "D")
        return [{"row": row, "projekt": [f"{prefix}{i:02d}*"]} for i, row in enumerate(leaves, 1)]
    return []  # extern finansiering: no budget or outcome columns


def dataset_with_rules(folder: Path) -> Path:
    """The example with ledger rules on every table that has budget or outcome columns."""
    data = yaml.safe_load((EXAMPLE / "dataset.yaml").read_text(encoding="utf-8"))
    for table in data["committees"][0]["economy"]["tables"]:
        rules = rules_for(table)
        if rules:
            table["ledger"] = rules
    path = folder / "dataset.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def generated_rows(count: int, committee_year: int, seed: int = 2023) -> io.StringIO:
    """Ledger rows as tab-separated text, one per kind, month, account and objects.

    Like a real ledger, postings recur on a limited set of account and object combinations
    (10 000 here), under many responsibility codes; amounts are random.
    """
    rng = random.Random(seed)
    accounts = [f"{c}{n:03d}" for c in "34567" for n in range(10, 1000, 40)] + ["4510", "4610"]
    activities = [*ACTIVITIES.values(), "407", "440", "450"]
    projects = [f"{p}{i:02d}{j}" for p in "ISED" for i in range(1, 15) for j in "abc"]
    combinations = [
        (
            rng.choice(accounts),
            rng.choice(activities),
            f"A{rng.randint(1, 14):02d}" if rng.random() < 0.15 else "",
            rng.choice(projects) if rng.random() < 0.1 else "",
        )
        for _ in range(10_000)
    ]
    responsibility = [f"{n:04d}" for n in range(1000, 9000)]
    years = [2021] * 10 + [2022] * 20 + [2023] * 70
    out = io.StringIO()
    for _ in range(count):
        account, verksamhet, aktivitet, projekt = rng.choice(combinations)
        kind = "outcome" if rng.random() < 0.7 else "budget"
        out.write(
            f"{committee_year}\t{kind}\t{rng.choice(years)}\t{rng.randint(1, 12)}\t{account}\t"
            f"{rng.choice(responsibility)}\t{verksamhet}\t{aktivitet}\t{projekt}\t\t\t"
            f"{rng.randint(-2_000_000, 500_000)}\n"
        )
    out.seek(0)
    return out


COLUMNS = ("committee_year_id", "kind", "year", "month", "account", *DIMENSIONS, "amount_ore")


def write_ledger(rows: io.StringIO) -> None:
    """Insert the rows the fastest way each database offers, the index built afterwards."""
    index = LedgerEntry._meta.indexes[0]
    with connection.schema_editor() as editor:
        editor.remove_index(LedgerEntry, index)
    _insert(rows)
    with connection.schema_editor() as editor:
        editor.add_index(LedgerEntry, index)


def _insert(rows: io.StringIO) -> None:
    table = LedgerEntry._meta.db_table
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy,
        ):
            while chunk := rows.read(1 << 20):
                copy.write(chunk)
        return
    sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    connection.ensure_connection()
    raw = connection.connection  # sqlite3's own executemany: the fastest insert SQLite has
    with raw:
        raw.executemany(sql, (line.rstrip("\n").split("\t") for line in rows))


def _condition(rule: LedgerRule) -> str:
    parts = []
    if rule.accounts:
        parts.append(
            "("
            + " OR ".join(
                f"substr(account, 1, {len(item.first)}) BETWEEN '{item.first}' AND '{item.last}'"
                for item in rule.accounts
            )
            + ")"
        )
    for item in rule.filters:
        codes = " OR ".join(
            f"{item.dimension} LIKE '{code[:-1]}%'"
            if code.endswith("*")
            else f"{item.dimension} = '{code}'"
            for code in item.codes
        )
        parts.append(f"({codes})")
    return " AND ".join(parts) or "1=1"


def plain_sql(table: FinancialTable, committee_year: int) -> str:
    """The baseline: one query summing the table's ledger cells from the raw ledger."""
    case = " ".join(f"WHEN {_condition(rule)} THEN '{rule.row}'" for rule in table.ledger)
    sums: list[str] = []
    for column in table.columns:
        if column.kind not in {ColumnKind.BUDGET, ColumnKind.OUTCOME}:
            continue
        months = "month <= 4" if column.span is Span.PERIOD else "1=1"
        sums.append(
            f"SUM(CASE WHEN kind = '{column.kind.value}' AND year = {2023 + column.year_offset}"
            f" AND {months} THEN amount_ore END) AS c_{len(sums)}"
        )
    return (
        f"SELECT row_key, {', '.join(sums)} FROM (SELECT *, CASE {case} END AS row_key"
        f" FROM {LedgerEntry._meta.db_table} WHERE committee_year_id = {committee_year}) AS ruled"
        " WHERE row_key IS NOT NULL GROUP BY row_key"
    )


def timed(work: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work(*args)
    return time.perf_counter() - start, result


def report(name: str, runs: list[float]) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "name": name,
                "database": connection.vendor,
                "unit": "s",
                "runs": runs,
                "peak_memory_mb": round(peak, 1),
            }
        )
    )


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    repeat = 3
    call_command("migrate", verbosity=0, interactive=False)
    Municipality.objects.all().delete()
    with tempfile.TemporaryDirectory() as folder:
        call_command(
            "load", str(dataset_with_rules(Path(folder))), verbosity=0, stdout=io.StringIO()
        )
    committee_year = CommitteeYear.objects.get()
    rows = generated_rows(count, committee_year.pk)
    seconds, _ = timed(write_ledger, rows)
    rows_text = f"{count:,}".replace(",", " ")
    report(f"ledger: insert {rows_text} rows, then index", [seconds])
    if connection.vendor == "postgresql":
        # As an import does: statistics, and the visibility map for index-only scans.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {LedgerEntry._meta.db_table}")

    report(
        "ledger: build summaries",
        [timed(rebuild_summaries, committee_year)[0] for _ in range(repeat)],
    )

    tables = [table_to_domain(row) for row in committee_year.financial_tables.all()]
    for table in tables:
        served = [timed(served_table, committee_year, table.key, T1)[0] for _ in range(repeat)]
        report(f"ledger: serve {table.key}", served)
        if table.ledger:
            sql = plain_sql(table, committee_year.pk)
            with connection.cursor() as cursor:
                baseline = [
                    timed(cursor.execute, sql)[0] + timed(cursor.fetchall)[0] for _ in range(repeat)
                ]
            report(f"ledger: plain SQL {table.key}", baseline)


if __name__ == "__main__":
    main()
