"""Where a person's grants allow an action, as row ids for filters.

The rules are the domain's (`uppsikt.domain.access`); this module reads the person's grants and
the org-unit trees they need, and turns the codes of a scope into ids. Querysets narrow
themselves with it (`uppsikt.apps.restricted`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from uppsikt.apps.organisation.models import OrgUnit, RoleGrant
from uppsikt.apps.restricted import User
from uppsikt.domain import organisation as domain
from uppsikt.domain.access import Action, Grant, scope


@dataclass(frozen=True)
class Allowed:
    """Where a person may do an action, as row ids: whole municipalities, committees, units."""

    everything: bool = False
    municipalities: frozenset[int] = frozenset()
    committees: frozenset[int] = frozenset()
    units: frozenset[int] = frozenset()

    def q(self, committee: str, municipality: str, unit: str | None) -> Q:
        """A filter for rows whose committee, municipality and unit are at these paths."""
        if self.everything:
            return Q()
        found = Q(**{f"{municipality}__in": self.municipalities}) | Q(
            **{f"{committee}__in": self.committees}
        )
        if unit is not None:
            found |= Q(**{f"{unit}__in": self.units})
        return found

    def covers_committee(self, committee_id: int, municipality_id: int) -> bool:
        """Whether the whole committee is in scope."""
        return (
            self.everything
            or municipality_id in self.municipalities
            or committee_id in self.committees
        )


NOTHING = Allowed()


def allowed(user: User, action: Action) -> Allowed:
    """Where `user` may do `action`; remembered on the user object for the request."""
    if not user.is_authenticated:
        return NOTHING
    if getattr(user, "is_superuser", False):
        return Allowed(everything=True)
    cache: dict[Action, Allowed] = user.__dict__.setdefault("_uppsikt_allowed", {})
    if action not in cache:
        cache[action] = _allowed(int(user.pk), action)
    return cache[action]


def _allowed(user_id: int, action: Action) -> Allowed:
    rows = list(RoleGrant.objects.filter(user_id=user_id).select_related("committee", "unit"))
    committees = {row.committee.pk: row.committee for row in rows if row.committee is not None}
    units = list(OrgUnit.objects.filter(committee__in=committees).select_related("parent"))
    trees: dict[int, list[domain.OrgUnit]] = defaultdict(list)
    for unit in units:
        parent = unit.parent.code if unit.parent else None
        kind = domain.UnitKind(unit.kind)
        trees[unit.committee_id].append(domain.OrgUnit(unit.code, unit.name, kind, parent))
    unit_ids = {(unit.committee_id, unit.code): unit.pk for unit in units}
    grants: dict[int, list[Grant]] = defaultdict(list)
    for row in rows:
        grants[row.municipality_id].append(row.to_domain())
    everywhere: set[int] = set()
    in_committees: set[int] = set()
    in_units: set[int] = set()
    for municipality, held in grants.items():
        by_code = {c.code: c.pk for c in committees.values() if c.municipality_id == municipality}
        found = scope(held, action, {code: trees[pk] for code, pk in by_code.items()})
        if found.everywhere:
            everywhere.add(municipality)
        in_committees.update(by_code[code] for code in found.committees)
        in_units.update(unit_ids[(by_code[code], unit)] for code, unit in found.units)
    return Allowed(False, frozenset(everywhere), frozenset(in_committees), frozenset(in_units))
