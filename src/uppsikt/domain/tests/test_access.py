"""Roles on committees and units: who may view, report, control and administer what."""

from __future__ import annotations

import pytest

from uppsikt.domain.access import Action, Grant, GrantError, Role, scope
from uppsikt.domain.organisation import OrgUnit, UnitKind

# KS: förvaltningen KSF with the departments EKO (with the section LÖN) and HR; BN: one unit.
UNITS = {
    "KS": [
        OrgUnit("KSF", "Kommunstyrelseförvaltningen", UnitKind.ADMINISTRATION),
        OrgUnit("EKO", "Ekonomiavdelningen", UnitKind.DEPARTMENT, "KSF"),
        OrgUnit("LÖN", "Lönesektionen", UnitKind.SECTION, "EKO"),
        OrgUnit("HR", "HR-avdelningen", UnitKind.DEPARTMENT, "KSF"),
    ],
    "BN": [OrgUnit("BUF", "Barn- och utbildningsförvaltningen", UnitKind.ADMINISTRATION)],
}

ADMIN = Grant(Role.ADMINISTRATOR)
CONTROLLER = Grant(Role.CONTROLLER, "KS")
REPORTER = Grant(Role.REPORTER, "KS", "EKO")
READER = Grant(Role.READER, "KS")

V, R, C, A = Action.VIEW, Action.REPORT, Action.CONTROL, Action.ADMINISTER

# grant, action, committee, unit (None: the committee as a whole), allowed
CASES = [
    (ADMIN, A, "BN", None, True),
    (ADMIN, C, "KS", "LÖN", True),
    (CONTROLLER, C, "KS", None, True),
    (CONTROLLER, R, "KS", "HR", True),
    (CONTROLLER, A, "KS", None, False),
    (CONTROLLER, V, "BN", None, False),
    (REPORTER, R, "KS", "EKO", True),
    (REPORTER, R, "KS", "LÖN", True),  # a unit below the reporter's
    (REPORTER, R, "KS", "HR", False),  # another unit
    (REPORTER, R, "KS", "KSF", False),  # the unit above
    (REPORTER, R, "KS", None, False),  # the committee as a whole
    (REPORTER, V, "KS", "HR", True),  # sees the whole committee
    (REPORTER, C, "KS", "EKO", False),
    (REPORTER, V, "BN", None, False),
    (READER, V, "KS", "HR", True),
    (READER, R, "KS", "EKO", False),
]


@pytest.mark.parametrize(("grant", "action", "committee", "unit", "allowed"), CASES)
def test_a_grant_allows_its_roles_actions_within_its_scope(
    grant: Grant, action: Action, committee: str, unit: str | None, allowed: bool
) -> None:
    assert scope([grant], action, UNITS).covers(committee, unit) is allowed


def test_a_person_may_do_what_any_of_their_grants_allows() -> None:
    grants = [REPORTER, Grant(Role.CONTROLLER, "BN")]
    assert scope(grants, R, UNITS).covers("KS", "LÖN")
    assert scope(grants, C, UNITS).covers("BN")
    assert not scope(grants, C, UNITS).covers("KS")


def test_without_grants_nothing_is_in_scope() -> None:
    nothing = scope([], V, UNITS)
    assert not nothing.covers("KS")
    assert not nothing.touches("KS")


def test_a_reporters_scope_touches_the_committee_without_covering_it() -> None:
    reporting = scope([REPORTER], R, UNITS)
    assert reporting.touches("KS")
    assert not reporting.covers("KS")
    assert not reporting.touches("BN")


@pytest.mark.parametrize(
    ("role", "committee", "unit", "message"),
    [
        (Role.ADMINISTRATOR, "KS", None, "hela kommunen"),
        (Role.CONTROLLER, None, None, "ange nämnden"),
        (Role.REPORTER, "KS", None, "ange enheten"),
        (Role.READER, "KS", "EKO", "hela nämnden"),
    ],
)
def test_a_grant_whose_scope_does_not_fit_its_role_is_refused(
    role: Role, committee: str | None, unit: str | None, message: str
) -> None:
    with pytest.raises(GrantError, match=message):
        Grant(role, committee, unit)
