"""Every API operation × every persona → the expected answer; a new operation must join it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import PERSONAS

from uppsikt.apps.api.site import api
from uppsikt.apps.api.tests.conftest import ApiClient
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.organisation.models import OrgUnit

pytestmark = pytest.mark.django_db
P = "/api/committees/0126/KS/periods/2023-T1"
PERIOD = "/api/committees/{kolada_id}/{committee}/periods/{period}"
# The answers in the order of PERSONAS, then without a token:
# admin, controller, reporter (EKO), other_reporter (DIG, beside EKO), reader, outsider, anonymous.
# A reporter sees the whole committee (docs/roles.md) and reports only on their own units' items.
SEES = (200, 200, 200, 200, 200, 404, 401)
CONTROLS = (200, 200, 403, 403, 403, 404, 401)
MATRIX: dict[tuple[str, str], tuple[str, Any, tuple[int, ...]]] = {
    # (method, path in the schema): (address, body, answers)
    ("get", "/api/committees"): ("/api/committees", None, (200, 200, 200, 200, 200, 200, 401)),
    ("get", "/api/committees/{kolada_id}/{committee}"): ("/api/committees/0126/KS", None, SEES),
    ("get", PERIOD): (P, None, SEES),
    ("get", f"{PERIOD}/findings"): (f"{P}/findings", None, SEES),
    ("get", f"{PERIOD}/report"): (f"{P}/report", None, SEES),
    ("get", f"{PERIOD}/goals"): (f"{P}/goals", None, SEES),
    ("get", f"{PERIOD}/goals/{{code}}"): (f"{P}/goals/M1", None, SEES),
    ("get", f"{PERIOD}/goals/{{code}}/assessment"): (f"{P}/goals/M1/assessment", None, SEES),
    ("put", f"{PERIOD}/goals/{{code}}/assessment"): (
        f"{P}/goals/M1/assessment",
        {"level": "uppfyllt", "comment": "Från matrisen."},
        CONTROLS,
    ),
    ("get", f"{PERIOD}/indicators"): (f"{P}/indicators", None, SEES),
    ("get", f"{PERIOD}/indicators/{{code}}"): (f"{P}/indicators/M1-I1", None, SEES),
    ("get", f"{PERIOD}/indicators/{{code}}/values/{{year}}/{{gender}}"): (
        f"{P}/indicators/M1-I1/values/2022/T",
        None,
        SEES,
    ),
    ("put", f"{PERIOD}/indicators/{{code}}/values/{{year}}/{{gender}}"): (
        f"{P}/indicators/M1-I1/values/2022/T",
        {"value": "43.5"},
        CONTROLS,
    ),
    ("post", "/api/committees/{kolada_id}/{committee}/indicator-values"): (
        "/api/committees/0126/KS/indicator-values",
        "2023;0126;M1-I1;T;41\n",
        CONTROLS,
    ),
    ("get", f"{PERIOD}/assignments"): (f"{P}/assignments", None, SEES),
    ("get", f"{PERIOD}/assignments/{{code}}"): (f"{P}/assignments/U01", None, SEES),
    ("get", f"{PERIOD}/assignments/{{code}}/follow-up"): (
        f"{P}/assignments/U01/follow-up",
        None,
        SEES,
    ),
    ("put", f"{PERIOD}/assignments/{{code}}/follow-up"): (
        f"{P}/assignments/U01/follow-up",  # moved to the reporter's unit below
        {"status": "klart", "comment": "Från matrisen."},
        (200, 200, 200, 403, 403, 404, 401),
    ),
    ("get", f"{PERIOD}/internal-control"): (f"{P}/internal-control", None, SEES),
    ("get", f"{PERIOD}/internal-control/{{kind}}/{{code}}"): (
        f"{P}/internal-control/kontroll/K1",
        None,
        SEES,
    ),
    ("get", f"{PERIOD}/internal-control/{{kind}}/{{code}}/follow-up"): (
        f"{P}/internal-control/kontroll/K1/follow-up",
        None,
        SEES,
    ),
    ("put", f"{PERIOD}/internal-control/{{kind}}/{{code}}/follow-up"): (
        f"{P}/internal-control/kontroll/K1/follow-up",
        {"status": "klart", "comment": "Från matrisen."},
        CONTROLS,
    ),
    ("get", f"{PERIOD}/economy"): (f"{P}/economy", None, SEES),
    ("get", f"{PERIOD}/economy/{{table}}"): (f"{P}/economy/resultatrakning", None, SEES),
    ("get", f"{PERIOD}/economy/{{table}}/forecasts/{{row}}/{{column}}"): (
        f"{P}/economy/resultatrakning/forecasts/personal/prognos",
        None,
        SEES,
    ),
    ("put", f"{PERIOD}/economy/{{table}}/forecasts/{{row}}/{{column}}"): (
        f"{P}/economy/resultatrakning/forecasts/personal/prognos",
        {"value": "-277132"},
        CONTROLS,
    ),
    ("get", f"{PERIOD}/economy/{{table}}/comments/{{row}}"): (
        f"{P}/economy/resultatrakning/comments/personal",
        None,
        SEES,
    ),
    ("put", f"{PERIOD}/economy/{{table}}/comments/{{row}}"): (
        f"{P}/economy/resultatrakning/comments/personal",
        {"text": "Från matrisen."},
        CONTROLS,
    ),
}


def operations() -> set[tuple[str, str]]:
    """Every (method, path) the API's schema offers."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    return {(method, path) for path, item in schema["paths"].items() for method in item}


def test_every_operation_is_in_the_matrix() -> None:
    assert operations() == set(MATRIX)


@pytest.fixture
def mine(api_as: Callable[[str], ApiClient]) -> Callable[[str], ApiClient]:
    assignment = Assignment.objects.get(code="U01")
    assignment.unit = OrgUnit.objects.get(code="EKO")
    assignment.save()
    return api_as


def answer(client: ApiClient, admin: ApiClient, method: str, url: str, body: Any) -> int:
    if method == "get":
        return int(client.get(url).status_code)
    if method == "post":
        return int(client.post_lines(url, body).status_code)
    # Based on the version the resource is at now, as a careful client sends it.
    version = admin.get(url)["ETag"]
    return int(client.put(url, body, **{"If-Match": version}).status_code)


@pytest.mark.parametrize(("method", "path"), sorted(MATRIX))
def test_each_persona_gets_the_expected_answer(
    mine: Callable[[str], ApiClient], method: str, path: str
) -> None:
    url, body, expected = MATRIX[(method, path)]
    admin = mine("admin")
    clients = {name: admin if name == "admin" else mine(name) for name in PERSONAS}
    clients["anonymous"] = mine("anonymous")
    answers = tuple(answer(client, admin, method, url, body) for client in clients.values())
    assert answers == expected


def test_a_reporter_writes_their_own_units_assignment_and_no_other(
    mine: Callable[[str], ApiClient],
) -> None:
    """U03 on DIG is the other reporter's; U01 (EKO) and U02 (the administration) are not."""
    assignment = Assignment.objects.get(code="U03")
    assignment.unit = OrgUnit.objects.get(code="DIG")
    assignment.save()
    admin, other = mine("admin"), mine("other_reporter")
    body = {"status": "klart", "comment": "Från en annan enhet."}
    answers = {}
    for code in ("U01", "U02", "U03"):
        url = f"{P}/assignments/{code}/follow-up"
        answers[code] = answer(other, admin, "put", url, body)
    assert answers == {"U01": 403, "U02": 403, "U03": 200}
    assert other.get(f"{P}/assignments/U03/follow-up").json()["comment"] == body["comment"]
    assert other.get(f"{P}/assignments/U01/follow-up").json()["comment"] != body["comment"]
