"""Permissions in one place: each persona's rows, pages and grants."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import PERSONAS, make_persona
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import Client

from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.organisation.models import Committee, Municipality, OrgUnit, RoleGrant
from uppsikt.domain.access import Action
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PAGE = "/kommun/0126/KS/2023-T1/"


@pytest.fixture
def on_eko(loaded: Dataset) -> list[str]:
    """Two of the example's assignments moved to Ekonomiavdelningen (all are on KSF)."""
    eko = OrgUnit.objects.get(code="EKO")
    moved = list(Assignment.objects.order_by("position")[:2])
    for assignment in moved:
        assignment.unit = eko
        assignment.save()
    return [assignment.code for assignment in moved]


@pytest.mark.parametrize(
    ("persona", "reportable"),
    [
        ("admin", "all"),
        ("controller", "all"),
        ("reporter", "eko"),
        ("reader", ""),
        ("outsider", ""),
    ],
)
def test_each_persona_reports_on_the_assignments_of_its_scope(
    on_eko: list[str], persona: str, reportable: str
) -> None:
    user = make_persona(persona)
    codes = set(Assignment.objects.for_user(user, Action.REPORT).values_list("code", flat=True))
    expected = {
        "all": set(Assignment.objects.values_list("code", flat=True)),
        "eko": set(on_eko),
        "": set(),
    }[reportable]
    assert codes == expected


def test_a_reporter_cannot_report_on_another_units_assignment(on_eko: list[str]) -> None:
    reporter = make_persona("reporter")
    others = Assignment.objects.exclude(code__in=on_eko)
    assert others.exists()
    assert not others.for_user(reporter, Action.REPORT).exists()
    assert others.for_user(reporter, Action.VIEW).count() == others.count()


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_with_a_role_sees_the_committee_and_the_outsider_nothing(
    as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    sees = persona != "outsider"
    start = client.get("/").content.decode()
    assert (f'href="{PAGE}"' in start) is sees
    assert client.get(PAGE).status_code == (200 if sees else 404)
    assert client.get(f"{PAGE}rapport.html").status_code == (200 if sees else 404)


def test_an_outsider_and_an_anonymous_visitor_hold_no_scope(loaded: Dataset) -> None:
    for user in (make_persona("outsider"), AnonymousUser()):
        for action in Action:
            assert not Committee.objects.for_user(user, action).exists()


@pytest.mark.parametrize(
    ("role", "committee", "unit", "message"),
    [
        ("reporter", "KS", None, "ange enheten"),
        ("controller", None, None, "ange nämnden"),
        ("reader", "KS", "EKO", "hela nämnden"),
        ("administrator", "KS", None, "hela kommunen"),
    ],
)
def test_a_grant_that_does_not_fit_its_role_is_refused(
    loaded: Dataset, role: str, committee: str | None, unit: str | None, message: str
) -> None:
    user = make_persona("outsider")
    municipality = Municipality.objects.get(kolada_id="0126")
    grant = RoleGrant(
        user=user,
        municipality=municipality,
        role=role,
        committee=Committee.objects.get(code=committee) if committee else None,
        unit=OrgUnit.objects.get(code=unit) if unit else None,
    )
    with pytest.raises(ValidationError, match=message):
        grant.full_clean()
