"""What the municipality's identity provider says of a person: who they are, and their roles.

At every sign-in through single sign-on the provider's claims (anspråk) name the person and list
their groups. The municipality maps groups to roles (a group role: the group, and a grant in a
municipality). A person's grants from groups are then exactly what their current groups give:
whoever leaves a group loses its role at their next sign-in. Grants an administrator made by
hand are not the groups' to change, and are not looked at here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from uppsikt.domain.access import Grant

GroupName = str  # a group exactly as the provider sends it: a name, a path or an object id
KoladaId = str

DEFAULT_GROUPS_CLAIM = "groups"


class ClaimError(ValueError):
    """Claims that cannot be read as the provider's statement of a person's groups."""


@dataclass(frozen=True, slots=True)
class HeldGrant:
    """A grant in one municipality, as a person holds it."""

    municipality: KoladaId
    grant: Grant


@dataclass(frozen=True, slots=True)
class GroupRole:
    """A group at the identity provider, and the grant its members hold."""

    group: GroupName
    gives: HeldGrant


@dataclass(frozen=True, slots=True)
class GrantChanges:
    """What a sign-in adds to a person's grants from groups, and what it takes away."""

    add: frozenset[HeldGrant] = frozenset()
    remove: frozenset[HeldGrant] = frozenset()


@dataclass(frozen=True, slots=True)
class Profile:
    """A person as the provider names them; empty strings where it says nothing."""

    username: str
    first_name: str
    last_name: str
    email: str


def merged_claims(
    userinfo: Mapping[str, object] | None, id_token: Mapping[str, object] | None
) -> dict[str, object]:
    """The claims of the ID token and of the userinfo answer, the userinfo's winning.

    Providers differ in where they put a claim: Microsoft Entra ID, say, sends groups and
    `preferred_username` in the ID token only, while others add them to the userinfo answer.
    """
    return {**(id_token or {}), **(userinfo or {})}


def groups_in(claims: Mapping[str, object], claim: str = DEFAULT_GROUPS_CLAIM) -> frozenset[str]:
    """The person's groups from the claim named `claim`: a list of names, or a single name.

    A person the provider sends no such claim for is in no group. A claim the provider only
    refers to elsewhere (Entra ID does so for a person in too many groups) or one that is not
    a list of names raises ClaimError: roles are never taken from a guess.
    """
    if claim not in claims:
        distributed = claims.get("_claim_names")
        if isinstance(distributed, Mapping) and claim in distributed:
            raise ClaimError(
                f"anspråket '{claim}' skickas inte med utan hänvisas till en annan källa "
                "(personen är med i för många grupper); låt identitetsleverantören skicka "
                "bara de grupper som gäller Uppsikt"
            )
        return frozenset()
    value = claims[claim]
    if value is None:
        return frozenset()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ClaimError(
            f"anspråket '{claim}' ska vara en lista av gruppnamn, inte {_json_type(value)}"
        )
    groups: set[str] = set()
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str):
            raise ClaimError(
                f"anspråket '{claim}', plats {position}: ett gruppnamn ska vara en text, "
                f"inte {_json_type(item)}"
            )
        if item.strip():
            groups.add(item.strip())
    return frozenset(groups)


def grants_for(
    groups: Iterable[GroupName], group_roles: Iterable[GroupRole]
) -> frozenset[HeldGrant]:
    """The grants that the groups give: those of every group role whose group is among them.

    Groups match exactly, as the provider sends them (case and all); a group no role names
    gives nothing.
    """
    held = frozenset(groups)
    return frozenset(role.gives for role in group_roles if role.group in held)


def grant_changes(from_groups: Iterable[HeldGrant], given: Iterable[HeldGrant]) -> GrantChanges:
    """How the person's grants from groups become `given`: what to add and what to remove."""
    before, after = frozenset(from_groups), frozenset(given)
    return GrantChanges(add=after - before, remove=before - after)


def profile(claims: Mapping[str, object]) -> Profile:
    """The person's username, names and e-mail address from the standard claims.

    The username is `preferred_username`; the names are `given_name` and `family_name`, or
    `name` split at its first space when those are missing. A claim that is not a text counts
    as missing.
    """
    name = _text(claims, "name")
    first, _, last = name.partition(" ")
    return Profile(
        username=_text(claims, "preferred_username"),
        first_name=_text(claims, "given_name") or first.strip(),
        last_name=_text(claims, "family_name") or last.strip(),
        email=_text(claims, "email"),
    )


def _text(claims: Mapping[str, object], claim: str) -> str:
    value = claims.get(claim)
    return value.strip() if isinstance(value, str) else ""


def _json_type(value: object) -> str:
    """The value's kind as the JSON of the claims calls it, in Swedish."""
    if isinstance(value, bool):
        return "ett sanningsvärde"
    if isinstance(value, int | float):
        return "ett tal"
    if isinstance(value, dict):
        return "ett objekt"
    if isinstance(value, list):
        return "en lista"
    return "ett okänt värde"
