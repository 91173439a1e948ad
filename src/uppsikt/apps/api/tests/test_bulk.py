"""Indicator values in bulk: every fault named by line and field, and nothing written on any."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from uppsikt.apps.api.tests.conftest import ApiClient
from uppsikt.apps.goals.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db
BULK = "/api/committees/0126/KS/indicator-values"


def snapshot() -> list[tuple[object, ...]]:
    return list(
        IndicatorValue.objects.order_by("pk").values_list(
            "indicator_id", "year", "gender", "value", "source", "fetched", "version"
        )
    )


@pytest.fixture
def controller(api_as: Callable[[str], ApiClient]) -> ApiClient:
    return api_as("controller")


def test_lines_are_written_with_their_source_and_fetch_date(controller: ApiClient) -> None:
    lines = "date;unit;measure;column;value\n2023;0126;M1-I1;T;41,5\n2023-12-31;KS;M1-I1;K;\n"
    response = controller.post_lines(f"{BULK}?source=Kolada&fetched=2024-02-01", lines)
    assert response.status_code == 200, response.json()
    assert response.json() == {"lines": 2, "written": 2, "unchanged": 0}
    total = IndicatorValue.objects.get(indicator__code="M1-I1", year=2023, gender="T")
    women = IndicatorValue.objects.get(indicator__code="M1-I1", year=2023, gender="K")
    assert (total.value, total.source, str(total.fetched)) == (
        Decimal("41.5"),
        "Kolada",
        "2024-02-01",
    )
    assert women.value is None  # published without a value
    again = controller.post_lines(f"{BULK}?source=Kolada&fetched=2024-02-01", lines)
    assert again.json() == {"lines": 2, "written": 0, "unchanged": 2}


def test_a_kolada_kpi_id_names_every_indicator_with_it(controller: ApiClient) -> None:
    Indicator.objects.filter(code__in=["M1-I1", "M1-I2"]).update(
        source_kind="kolada", source_reference="N00945"
    )
    response = controller.post_lines(BULK, "2023;0126;N00945;T;12\n")
    assert response.json()["written"] == 2


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("2023;0126;M1-I1;T", "line"),
        ("2023-13-01;0126;M1-I1;T;1", "date"),
        ("förra året;0126;M1-I1;T;1", "date"),
        ("2031;0126;M1-I1;T;1", "date"),  # the committee has no such year
        ("2023;0180;M1-I1;T;1", "unit"),
        ("2023;0126;N99999;T;1", "measure"),
        ("2023;0126;M1-I1;X;1", "column"),
        ("2023;0126;M1-I1;T;ett", "value"),
        ("2023;0126;M1-I1;T;1,1234567", "value"),
        ("2023;0126;M1-I1;T;1e40", "value"),
    ],
)
def test_a_faulty_line_is_named_by_line_and_field_and_nothing_is_written(
    controller: ApiClient, line: str, field: str
) -> None:
    before = snapshot()
    text = f"2023;0126;M1-I2;T;70\n{line}\n"
    response = controller.post_lines(BULK, text)
    assert response.status_code == 400
    assert response.json()["errors"][0]["line"] == 2
    assert response.json()["errors"][0]["field"] == field
    assert snapshot() == before


def test_every_fault_of_every_line_is_reported_in_one_answer(controller: ApiClient) -> None:
    text = "2023;0126;M1-I1;X;ett\n2023;0126;M1-I1;T;1\n2023;0126;M1-I1;T;2\n"
    errors = controller.post_lines(BULK, text).json()["errors"]
    assert [(item["line"], item["field"]) for item in errors] == [
        (1, "column"),
        (1, "value"),
        (3, "measure"),  # the same value as line 2
    ]


def test_a_body_that_is_not_utf8_is_refused(controller: ApiClient) -> None:
    response = controller.post_lines(BULK, b"2023;0126;M1-I1;T;1\n" + b"\xff\n")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "body"


def test_a_reader_may_not_send_values(api_as: Callable[[str], ApiClient]) -> None:
    before = snapshot()
    response = api_as("reader").post_lines(BULK, "2023;0126;M1-I1;T;1\n")
    assert response.status_code == 403
    assert snapshot() == before
