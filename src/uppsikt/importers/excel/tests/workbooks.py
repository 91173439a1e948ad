"""A small committee's period as a template, and editing its workbook as a person would."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from uppsikt.importers.excel.template import (
    FollowUpRow,
    ForecastRow,
    IndicatorRow,
    ItemKind,
    Scope,
    Status,
    Template,
)

STATUSES = (
    Status("klart", "Klart"),
    Status("blir-klart", "Blir klart i år"),
    Status("ej-klart", "Ej klart i år"),
)
TEMPLATE = Template(
    scope=Scope("0126", "KS", "2023-T1"),
    municipality_name="Huddinge kommun",
    committee_name="Kommunstyrelsen",
    period_name="Delårsrapport per 30 april",
    exported=datetime(2023, 5, 2, 14, 30),
    assignment_statuses=STATUSES,
    control_statuses=STATUSES[:2],
    follow_ups=(
        FollowUpRow(ItemKind.ASSIGNMENT, "U01", "Utreda", "KSF", "blir-klart", "Pågår.\n", 3),
        FollowUpRow(ItemKind.ASSIGNMENT, "U02", "Samverka", "DIG", "", "", 0),
        FollowUpRow(ItemKind.RISK_ACTION, "R1-A1", "Analys", "R1 Risk", "klart", "=inte en formel", 1),
        FollowUpRow(ItemKind.AUDIT_ACTION, "G1-A1", "Översyn", "Granskning", "", "", 0),
        FollowUpRow(ItemKind.CONTROL, "K1", "Granska", "Löner", "klart", "Klar.", 2),
    ),
    indicators=(
        IndicatorRow("M1-I1", "Oro", "%", 2022, "T", Decimal(44), 1),
        IndicatorRow("M1-I1", "Oro", "%", 2023, "T", None, 0),
        IndicatorRow("M1-I2", "Sjuktal", "%", 2022, "K", Decimal("7.25"), 1),
        IndicatorRow("M1-I2", "Sjuktal", "%", 2022, "M", Decimal("5.1"), 1),
    ),
    forecasts=(
        ForecastRow(
            "resultat", "Resultaträkning", "intakter", "Intäkter", "prognos", "Prognos",
            "tkr", Decimal(1000), Decimal(49558), 1,
        ),
        ForecastRow(
            "resultat", "Resultaträkning", "personal", "Personal", "prognos", "Prognos",
            "mnkr", Decimal(1_000_000), Decimal("-6.389"), 2,
        ),
    ),
)  # fmt: skip

# Where the template's rows stand (sheet, row), for tests that edit them.
U01, U02, R1_A1, K1 = ("Uppdrag", 2), ("Uppdrag", 3), ("Riskåtgärder", 2), ("Kontroller", 2)
I2023 = ("Indikatorer", 3)
PERSONAL = ("Prognoser", 3)


def edited(
    data: bytes, cells: Mapping[str, Any], *, types: Mapping[str, str] | None = None
) -> bytes:
    """The workbook with cells (`"Uppdrag!D2"`) set as a person would in Excel.

    `types` forces a cell's type after setting it, e.g. `"e"` for an error value.
    """
    book = load_workbook(BytesIO(data))
    for place, value in cells.items():
        sheet, coordinate = place.split("!")
        cell = book[sheet][coordinate]
        cell.value = value
        if types and place in types:
            cell.data_type = types[place]
    out = BytesIO()
    book.save(out)
    return out.getvalue()
