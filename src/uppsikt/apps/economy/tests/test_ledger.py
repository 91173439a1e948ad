"""Ledger summaries in the database agree with the domain's reference aggregation."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from uppsikt.apps.datasets.services import committee_context
from uppsikt.apps.economy.ledger import inputs_from_ledger, rebuild_summaries, served_table
from uppsikt.apps.economy.mapping import TABLE_RELATIONS
from uppsikt.apps.economy.models import AccountClass, Activity, LedgerEntry, LedgerSummary
from uppsikt.apps.periods.models import CommitteeYear, Year
from uppsikt.domain.economy.ledger import DIMENSIONS, LedgerKind, summarise
from uppsikt.domain.economy.ledger import LedgerEntry as Entry
from uppsikt.domain.economy.tables import ledger_inputs
from uppsikt.domain.periods import PeriodKey
from uppsikt.importers.dataset.tests.test_parse import MINIMAL

pytestmark = pytest.mark.django_db

LEDGER_TABLE = """
    economy:
      tables:
        - key: drift
          title: Drift per verksamhet
          role: result
          unit: tkr
          decimals: 0
          columns:
            - {key: budget, label: Budget, kind: budget}
            - {key: prognos, label: Prognos, kind: forecast}
            - {key: utfall, label: Utfall, kind: outcome, span: period}
            - {key: fg, label: Utfall föregående år, kind: outcome, span: period, year: -1}
          rows:
            - key: forskola
              label: Förskola
            - key: grundskola
              label: Grundskola
              rows:
                - {key: grundskola-personal, label: Personal}
                - {key: grundskola-ovrigt, label: Övrigt}
            - {key: ovrigt, label: Övrigt}
            - {key: summa, label: Summa, kind: total}
          values:
            2023-T1:
              forskola: [null, -5000, null, null]
              grundskola-personal: [null, -9000, null, null]
              grundskola-ovrigt: [null, -2000, null, null]
              ovrigt: [null, 100, null, null]
          ledger:
            - {row: forskola, verksamhet: ["407"]}
            - {row: grundskola-personal, accounts: ["50-57"], verksamhet: ["440"]}
            - {row: grundskola-ovrigt, verksamhet: ["440"]}
            - {row: ovrigt, accounts: ["3-7"]}
"""


def generated_entries(count: int, seed: int = 7) -> list[Entry]:
    rng = random.Random(seed)
    accounts = ["3010", "3510", "4610", "5010", "5110", "5710", "6110", "7410", "8410"]
    activities = ["407", "440", "450", "100", ""]
    entries = []
    for _ in range(count):
        objects = [""] * len(DIMENSIONS)
        objects[DIMENSIONS.index("verksamhet")] = rng.choice(activities)
        objects[DIMENSIONS.index("ansvar")] = rng.choice(["1100", "1200", "1300"])
        entries.append(
            Entry(
                rng.choice(list(LedgerKind)),
                rng.choice([2022, 2023]),
                rng.randint(1, 12),
                rng.choice(accounts),
                tuple(objects),
                Decimal(rng.randint(-500_000, 100_000)) / 100,
            )
        )
    return entries


@pytest.fixture
def committee_year(tmp_path: Path) -> CommitteeYear:
    path = tmp_path / "dataset.yaml"
    path.write_text(MINIMAL + LEDGER_TABLE, encoding="utf-8")
    call_command("load", str(path), stdout=None)
    return CommitteeYear.objects.get()


def store(committee_year: CommitteeYear, entries: list[Entry]) -> None:
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                committee_year=committee_year,
                kind=entry.kind.value,
                year=entry.year,
                month=entry.month,
                account=entry.account,
                amount_ore=int(entry.amount * 100),
                **dict(zip(DIMENSIONS, entry.objects, strict=True)),
            )
            for entry in entries
        ]
    )


def test_summaries_agree_with_the_reference_aggregation_and_feed_the_tables(
    committee_year: CommitteeYear,
) -> None:
    entries = generated_entries(3000)
    store(committee_year, entries)
    written = rebuild_summaries(committee_year)
    assert written == LedgerSummary.objects.count() > 0

    context = committee_context(Year.objects.get(), "BN", PeriodKey.parse("2023-T1"))
    table = context.committee.economy.tables[0]
    expected = ledger_inputs(table, summarise(table.ledger, entries), date(2023, 4, 30), 2023)
    assert inputs_from_ledger(committee_year, date(2023, 4, 30)) == {"drift": expected}

    computed = context.tables["drift"]
    in_april = [
        e for e in entries if e.year == 2023 and e.month <= 4 and e.kind is LedgerKind.OUTCOME
    ]
    ruled = summarise(table.ledger, in_april)
    total = computed.amount("summa", "utfall")
    assert total is not None
    assert total.value == sum(ruled.values(), Decimal(0))
    assert total.error == 0  # ledger amounts are exact
    grundskola = computed.amount("grundskola", "utfall")
    parts = [computed.amount(key, "utfall") for key in ("grundskola-personal", "grundskola-ovrigt")]
    assert grundskola is not None
    assert grundskola.value == sum((part.value for part in parts if part), Decimal(0))
    forecast = computed.amount("summa", "prognos")
    assert forecast is not None
    assert forecast.value == Decimal(-15_900_000)  # forecasts stay as written
    saved = committee_year.financial_tables.prefetch_related(*TABLE_RELATIONS).get(key="drift")
    period = committee_year.year.periods.get(kind="T1")
    assert served_table(saved, period) == computed


def test_rebuilding_replaces_the_summaries(committee_year: CommitteeYear) -> None:
    store(committee_year, generated_entries(200))
    first = rebuild_summaries(committee_year)
    LedgerEntry.objects.all().delete()
    assert rebuild_summaries(committee_year) == 0
    assert LedgerSummary.objects.count() == 0
    assert first > 0


def test_the_code_lists_are_seeded() -> None:
    assert Activity.objects.get(code="407").name == "Förskola"
    assert Activity.objects.get(code="100").rollup == "190"
    assert AccountClass.objects.get(prefix="46").name == "Köp av verksamhet"
