"""The identity provider's claims: a person's groups, the roles they give, and their name."""

from __future__ import annotations

import pytest

from uppsikt.domain.access import Grant, Role
from uppsikt.domain.identity import (
    ClaimError,
    GroupRole,
    HeldGrant,
    Profile,
    grant_changes,
    grants_for,
    groups_in,
    merged_claims,
    profile,
)

KS_CONTROLLER = HeldGrant("0126", Grant(Role.CONTROLLER, "KS"))
EKO_REPORTER = HeldGrant("0126", Grant(Role.REPORTER, "KS", "EKO"))
KS_READER = HeldGrant("0126", Grant(Role.READER, "KS"))
ADMIN = HeldGrant("0126", Grant(Role.ADMINISTRATOR))
OTHER_TOWN = HeldGrant("0180", Grant(Role.READER, "KS"))

GROUP_ROLES = [
    GroupRole("uppsikt-ks-controller", KS_CONTROLLER),
    GroupRole("uppsikt-eko", EKO_REPORTER),
    GroupRole("uppsikt-eko", KS_READER),  # one group, two roles
    GroupRole("alla-chefer", KS_READER),  # two groups, one role
    GroupRole("UPPSIKT-ADMIN", ADMIN),
    GroupRole("uppsikt-ks-controller", OTHER_TOWN),  # the same group in another municipality
]

# claims, the groups read from the claim `groups`
GROUPS = [
    ({}, set()),
    ({"groups": None}, set()),
    ({"groups": []}, set()),
    ({"groups": ["a", "b"]}, {"a", "b"}),
    ({"groups": "a"}, {"a"}),  # ADFS sends a single group as a text
    ({"groups": [" a ", "", "a"]}, {"a"}),  # trimmed, blanks and repeats dropped
    ({"groups": ["/kommun/KS"]}, {"/kommun/KS"}),  # a Keycloak path is a name like any other
    ({"_claim_names": {"email": "src1"}}, set()),  # another claim elsewhere is no concern
]


@pytest.mark.parametrize(("claims", "groups"), GROUPS)
def test_the_groups_claim_is_read_as_a_set_of_names(
    claims: dict[str, object], groups: set[str]
) -> None:
    assert groups_in(claims) == groups


def test_the_groups_claim_may_have_another_name() -> None:
    claims = {"groups": ["ignored"], "roles": ["uppsikt-eko"]}
    assert groups_in(claims, "roles") == {"uppsikt-eko"}


# claims, the fault named
FAULTS = [
    ({"groups": 7}, "anspråket 'groups' ska vara en lista av gruppnamn, inte ett tal"),
    ({"groups": {"a": 1}}, "inte ett objekt"),
    ({"groups": True}, "inte ett sanningsvärde"),
    ({"groups": ["a", 3]}, "anspråket 'groups', plats 2: ett gruppnamn ska vara en text"),
    ({"groups": [["a"]]}, "plats 1: ett gruppnamn ska vara en text, inte en lista"),
    ({"_claim_names": {"groups": "src1"}}, "hänvisas till en annan källa"),  # Entra's overage
]


@pytest.mark.parametrize(("claims", "fault"), FAULTS)
def test_a_groups_claim_that_is_no_list_of_names_is_refused_by_name(
    claims: dict[str, object], fault: str
) -> None:
    with pytest.raises(ClaimError, match=fault.replace("(", r"\(").replace(")", r"\)")):
        groups_in(claims)


# the person's groups, the grants they give
GRANTS = [
    (set(), set()),
    ({"okänd-grupp"}, set()),
    ({"uppsikt-ks-controller"}, {KS_CONTROLLER, OTHER_TOWN}),
    ({"uppsikt-eko"}, {EKO_REPORTER, KS_READER}),
    ({"uppsikt-eko", "alla-chefer"}, {EKO_REPORTER, KS_READER}),
    ({"uppsikt-admin"}, set()),  # groups match exactly, case and all
    ({"UPPSIKT-ADMIN", "okänd-grupp"}, {ADMIN}),
]


@pytest.mark.parametrize(("groups", "grants"), GRANTS)
def test_a_persons_groups_give_the_grants_mapped_to_them(
    groups: set[str], grants: set[HeldGrant]
) -> None:
    assert grants_for(groups, GROUP_ROLES) == grants


# grants from groups before the sign-in, grants the groups give now, added, removed
CHANGES = [
    (set(), set(), set(), set()),
    (set(), {KS_CONTROLLER}, {KS_CONTROLLER}, set()),
    ({KS_CONTROLLER}, {KS_CONTROLLER}, set(), set()),
    ({KS_CONTROLLER, EKO_REPORTER}, {KS_CONTROLLER}, set(), {EKO_REPORTER}),  # left a group
    ({KS_CONTROLLER}, set(), set(), {KS_CONTROLLER}),  # left every group
    ({KS_READER}, {EKO_REPORTER}, {EKO_REPORTER}, {KS_READER}),
]


@pytest.mark.parametrize(("before", "given", "added", "removed"), CHANGES)
def test_a_sign_in_makes_the_grants_from_groups_what_the_groups_give_now(
    before: set[HeldGrant], given: set[HeldGrant], added: set[HeldGrant], removed: set[HeldGrant]
) -> None:
    changes = grant_changes(before, given)
    assert changes.add == frozenset(added)
    assert changes.remove == frozenset(removed)


# claims, the profile read from them
PROFILES = [
    (
        {
            "preferred_username": "anna",
            "given_name": "Anna",
            "family_name": "Ek",
            "email": "a@x.se",
        },
        Profile("anna", "Anna", "Ek", "a@x.se"),
    ),
    ({"name": "Anna von Sydow"}, Profile("", "Anna", "von Sydow", "")),
    ({"name": "Anna"}, Profile("", "Anna", "", "")),
    ({"name": "Anna Ek", "given_name": "Annika"}, Profile("", "Annika", "Ek", "")),
    ({"preferred_username": " anna.ek@kommun.se "}, Profile("anna.ek@kommun.se", "", "", "")),
    ({"preferred_username": 12, "email": None}, Profile("", "", "", "")),  # not texts: missing
    ({}, Profile("", "", "", "")),
]


@pytest.mark.parametrize(("claims", "expected"), PROFILES)
def test_a_person_is_named_by_the_standard_claims(
    claims: dict[str, object], expected: Profile
) -> None:
    assert profile(claims) == expected


def test_the_userinfo_answer_wins_over_the_id_token_and_fills_nothing_it_lacks() -> None:
    id_token = {"sub": "1", "groups": ["a"], "preferred_username": "anna", "name": "Gammalt"}
    userinfo = {"sub": "1", "name": "Anna Ek"}
    claims = merged_claims(userinfo, id_token)
    assert claims == {"sub": "1", "groups": ["a"], "preferred_username": "anna", "name": "Anna Ek"}
    assert merged_claims(None, id_token) == id_token
