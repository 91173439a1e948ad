"""Writing through the API: versions as ETag and If-Match, stale writes, and refusals by field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import override_settings

from tests.helpers import database_counts
from uppsikt.apps.api.tests.conftest import ApiClient
from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.economy.models import RowComment, TableCell
from uppsikt.apps.goals.models import IndicatorValue
from uppsikt.apps.periods.models import CommitteePeriod, ReportingPeriod

pytestmark = pytest.mark.django_db
P = "/api/committees/0126/KS/periods/2023-T1"
FOLLOW_UP = f"{P}/assignments/U01/follow-up"
CONTROL = f"{P}/internal-control/kontroll/K1/follow-up"


@pytest.fixture
def controller(api_as: Callable[[str], ApiClient]) -> ApiClient:
    return api_as("controller")


def test_a_read_carries_the_version_as_etag_and_in_the_body(controller: ApiClient) -> None:
    response = controller.get(FOLLOW_UP)
    row = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1")
    assert response["ETag"] == f'"{row.version}"'
    assert response.json()["version"] == row.version


def test_a_write_with_if_match_saves_and_answers_the_new_version(controller: ApiClient) -> None:
    before = controller.get(FOLLOW_UP)
    body = {"status": "klart", "comment": "Klart i april."}
    response = controller.put(FOLLOW_UP, body, **{"If-Match": before["ETag"]})
    assert response.status_code == 200
    saved = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1")
    assert saved.status is not None
    assert (saved.status.code, saved.comment) == ("klart", "Klart i april.")
    assert response["ETag"] == f'"{saved.version}"'
    assert response.json()["version"] == saved.version == before.json()["version"] + 1


def test_a_write_with_a_version_in_the_body_saves(controller: ApiClient) -> None:
    version = controller.get(CONTROL).json()["version"]
    response = controller.put(CONTROL, {"status": "klart", "comment": "", "version": version})
    assert response.status_code == 200
    assert response.json()["status"]["code"] == "klart"


def test_a_stale_write_is_refused_with_409_and_the_current_state(controller: ApiClient) -> None:
    seen = controller.get(FOLLOW_UP)["ETag"]
    controller.put(FOLLOW_UP, {"comment": "Först."}, **{"If-Match": seen})
    response = controller.put(FOLLOW_UP, {"comment": "Sedan."}, **{"If-Match": seen})
    assert response.status_code == 409
    body = response.json()
    assert body["current"]["comment"] == "Först."
    assert body["errors"][0]["field"] == "version"
    assert (
        AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1").comment
        == "Först."
    )


def test_a_write_without_a_version_is_refused_with_428(controller: ApiClient) -> None:
    response = controller.put(FOLLOW_UP, {"comment": "Utan version."})
    assert response.status_code == 428
    assert response.json()["errors"][0]["field"] == "version"


def test_if_match_and_a_different_body_version_are_refused(controller: ApiClient) -> None:
    response = controller.put(FOLLOW_UP, {"comment": "x", "version": 7}, **{"If-Match": '"1"'})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "version"


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        (FOLLOW_UP, {"status": "kanske", "version": 1}, "status"),
        (f"{P}/goals/M1/assessment", {"level": "toppen", "version": 0}, "level"),
        (f"{P}/indicators/M1-I1/values/2022/T", {"value": "1e30", "version": 1}, "value"),
        (f"{P}/indicators/M1-I1/values/2022/T", {"value": "0.1234567", "version": 1}, "value"),
        (
            f"{P}/economy/resultatrakning/forecasts/personal/budget",
            {"value": "1", "version": 0},
            "column",
        ),
        (f"{P}/economy/resultatrakning/comments/personal", {"text": "x" * 5001}, "body.text"),
    ],
)
def test_a_refused_write_names_the_field(
    controller: ApiClient, url: str, body: dict[str, object], field: str
) -> None:
    response = controller.put(url, body)
    assert 400 <= response.status_code < 500
    assert field in [error["field"] for error in response.json()["errors"]]


def test_a_closed_period_refuses_writes_naming_the_period(controller: ApiClient) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state="submitted")
    response = controller.put(FOLLOW_UP, {"comment": "För sent.", "version": 1})
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "period"


def test_a_reporter_cannot_write_another_units_assignment(
    api_as: Callable[[str], ApiClient],
) -> None:
    response = api_as("reporter").put(f"{P}/assignments/U02/follow-up", {"version": 1})
    assert response.status_code == 403


def test_an_indicator_value_is_written_with_its_source_and_fetch_date(
    controller: ApiClient,
) -> None:
    url = f"{P}/indicators/M1-I1/values/2023/K"
    assert controller.get(url).json()["version"] == 0
    body = {"value": 39.5, "source": "Enkät", "fetched": "2023-05-02", "version": 0}
    response = controller.put(url, body)
    assert response.status_code == 200
    row = IndicatorValue.objects.get(indicator__code="M1-I1", year=2023, gender="K")
    assert (row.value, row.source, str(row.fetched)) == (Decimal("39.5"), "Enkät", "2023-05-02")
    assert response.json()["value"] == "39.5"


def test_an_indicator_value_at_a_closed_periods_address_is_refused_naming_the_period(
    controller: ApiClient,
) -> None:
    t1 = CommitteePeriod.objects.get(period__kind="T1")
    t1.state = "locked"
    t1.save()
    # The year has another period still open: the value itself may change, but not here.
    ReportingPeriod.objects.create(year=t1.period.year, kind="T2", closing_date="2023-08-31")
    body = {"value": "39", "version": 0}
    counts = database_counts()
    response = controller.put(f"{P}/indicators/M1-I1/values/2023/K", body)
    assert response.status_code == 403
    assert response.json()["errors"][0]["field"] == "period"
    assert database_counts() == counts
    at_t2 = "/api/committees/0126/KS/periods/2023-T2/indicators/M1-I1/values/2023/K"
    assert controller.put(at_t2, body).status_code == 200


def test_writing_the_value_a_resource_has_answers_it_and_saves_nothing(
    controller: ApiClient,
) -> None:
    url = f"{P}/indicators/M1-I1/values/2023/K"
    body = {"value": "39.5", "source": "Enkät", "fetched": "2023-05-02", "version": 0}
    first = controller.put(url, body)
    assert first.status_code == 200
    row = IndicatorValue.objects.get(indicator__code="M1-I1", year=2023, gender="K")
    history = row.history.count()
    counts = database_counts()
    again = controller.put(url, {**body, "value": 39.5, "version": first.json()["version"]})
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert again.json() == first.json()
    row.refresh_from_db()
    assert row.version == first.json()["version"]
    assert row.history.count() == history
    assert database_counts() == counts


def test_a_forecast_is_written_as_the_table_shows_it(controller: ApiClient) -> None:
    url = f"{P}/economy/resultatrakning/forecasts/personal/prognos"
    seen = controller.get(url)
    response = controller.put(url, {"value": "-277000"}, **{"If-Match": seen["ETag"]})
    assert response.status_code == 200
    assert response.json()["value"] == "-277000"
    cell = TableCell.objects.get(period__kind="T1", row__key="personal", column__key="prognos")
    assert cell.number == -277_000_000  # kept in kronor, the table shows tkr
    stale = controller.put(url, {"value": "-1"}, **{"If-Match": seen["ETag"]})
    assert stale.status_code == 409
    assert stale.json()["current"]["value"] == "-277000"


def test_a_row_comment_is_written_and_removed(controller: ApiClient) -> None:
    url = f"{P}/economy/resultatrakning/comments/personal"
    written = controller.put(url, {"text": "Fler anställda.", "version": 0})
    assert written.status_code == 200
    assert RowComment.objects.get(row__key="personal", period__kind="T1").text == "Fler anställda."
    removed = controller.put(url, {"text": "", "version": written.json()["version"]})
    assert removed.status_code == 200
    assert removed.json()["version"] == 0
    assert not RowComment.objects.filter(row__key="personal", period__kind="T1").exists()


def test_writes_need_no_csrf_token_and_are_kept_in_history_under_the_person(
    controller: ApiClient,
) -> None:
    controller.client.handler.enforce_csrf_checks = True
    response = controller.put(FOLLOW_UP, {"comment": "Historik.", "version": 1})
    assert response.status_code == 200
    row = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1")
    assert row.history.first().history_user.username == "controller"


def test_a_body_over_the_size_limit_answers_413_in_json(controller: ApiClient) -> None:
    before = controller.get(FOLLOW_UP)
    counts = database_counts()
    body = {"status": "klart", "comment": "Lång text. " * 20}
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=64):
        response = controller.put(FOLLOW_UP, body, **{"If-Match": before["ETag"]})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["errors"][0]["field"] == "body"
    assert database_counts() == counts
