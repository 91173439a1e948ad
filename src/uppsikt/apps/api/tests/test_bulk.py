"""Indicator values in bulk: every fault named by line and field, and nothing written on any."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import override_settings

from tests.helpers import database_counts
from uppsikt.apps.api.tests.conftest import ApiClient
from uppsikt.apps.goals.models import Indicator, IndicatorValue
from uppsikt.apps.periods.models import CommitteePeriod, ReportingPeriod

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


@pytest.mark.parametrize(
    ("case", "lines"),
    [
        ("by code and by Kolada KPI id", "2023;0126;M1-I1;T;41\n2023;0126;N00945;T;41\n"),
        ("by Kolada id and committee code", "2023;0126;M1-I1;K;41\n2023-12;KS;M1-I1;k;42\n"),
    ],
)
def test_one_value_named_on_two_lines_is_refused_naming_both(
    controller: ApiClient, case: str, lines: str
) -> None:
    Indicator.objects.filter(code="M1-I1").update(source_kind="kolada", source_reference="N00945")
    counts = database_counts()
    response = controller.post_lines(BULK, lines)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert [(item["line"], item["field"]) for item in errors] == [(2, "measure")]
    assert "M1-I1" in errors[0]["message"]
    assert "rad 1" in errors[0]["message"]
    assert database_counts() == counts


@pytest.mark.parametrize("state", ["submitted", "approved", "locked"])
def test_values_for_a_year_with_no_open_period_are_refused_and_nothing_is_written(
    controller: ApiClient, state: str
) -> None:
    CommitteePeriod.objects.filter(period__year__year=2023).update(state=state)
    counts = database_counts()
    response = controller.post_lines(BULK, "2023;0126;M1-I1;T;41\n2023;0126;M1-I2;T;70\n")
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "date"
    assert "2023" in response.json()["detail"]
    assert database_counts() == counts


def test_values_for_a_year_with_one_period_still_open_are_written(controller: ApiClient) -> None:
    t1 = CommitteePeriod.objects.get(period__kind="T1")
    CommitteePeriod.objects.filter(pk=t1.pk).update(state="locked")
    ReportingPeriod.objects.create(year=t1.period.year, kind="T2", closing_date="2023-08-31")
    response = controller.post_lines(BULK, "2023;0126;M1-I1;T;41\n")
    assert response.status_code == 200, response.json()
    assert response.json()["written"] == 1


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64)
def test_a_body_over_the_limit_answers_413_in_json(controller: ApiClient) -> None:
    counts = database_counts()
    response = controller.post_lines(BULK, "2023;0126;M1-I1;T;41\n" * 4)  # 84 bytes
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["field"] == "body"
    assert "64 byte" in response.json()["detail"]
    assert database_counts() == counts
    assert controller.post_lines(BULK, "2023;0126;M1-I1;T;41\n").status_code == 200


@pytest.mark.parametrize(
    "body",
    ["2023;0126;M1-I1;X;ett\n2023;0126;N99999;T;1\n", "2023;0126;M1-I1;T;1\n" * 8],
    ids=["faulty lines", "over the limit"],
)
def test_a_reader_is_refused_before_the_lines_are_read(
    api_as: Callable[[str], ApiClient], body: str
) -> None:
    reader = api_as("reader")
    counts = database_counts()
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64):
        response = reader.post_lines(BULK, body)
    assert response.status_code == 403
    assert response.json()["errors"] == []  # no fault of the lines is told
    assert database_counts() == counts
