"""Who may do what: roles granted on committees and org units, and the actions they allow.

A person holds grants. An administrator's grant covers every committee. A controller's and a
reader's grant covers one committee; a reporter's covers one unit of a committee and every unit
below it for reporting, and the whole committee for viewing (its report shows every unit). What a grant allows is the role's actions within its scope; a person may do what any
of their grants allows. The web layer asks these rules for a scope and narrows every query to
it, so there is one place where permissions are decided.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from uppsikt.domain.organisation import CommitteeCode, OrgUnit, UnitCode, descendants


class Role(StrEnum):
    """A role a person holds on a scope."""

    ADMINISTRATOR = "administrator"
    CONTROLLER = "controller"
    REPORTER = "reporter"
    READER = "reader"


class Action(StrEnum):
    """What a person wants to do."""

    VIEW = "view"  # see a committee's plans, follow-ups and report
    REPORT = "report"  # update the follow-up of an item on a unit in scope
    CONTROL = "control"  # forecasts, texts, structure, submitting and approving a period
    ADMINISTER = "administer"  # reopen a locked period, manage people and roles


ROLE_ACTIONS: dict[Role, frozenset[Action]] = {
    Role.ADMINISTRATOR: frozenset(Action),
    Role.CONTROLLER: frozenset({Action.VIEW, Action.REPORT, Action.CONTROL}),
    Role.REPORTER: frozenset({Action.VIEW, Action.REPORT}),
    Role.READER: frozenset({Action.VIEW}),
}

ROLE_NAMES = {
    Role.ADMINISTRATOR: "administratör",
    Role.CONTROLLER: "controller",
    Role.REPORTER: "rapportör",
    Role.READER: "läsare",
}


class GrantError(ValueError):
    """A grant whose scope does not fit its role."""


@dataclass(frozen=True, slots=True)
class Grant:
    """A role on a scope: every committee, one committee, or one unit of a committee."""

    role: Role
    committee: CommitteeCode | None = None
    unit: UnitCode | None = None

    def __post_init__(self) -> None:
        if self.role is Role.ADMINISTRATOR and (self.committee or self.unit):
            raise GrantError("en administratör gäller hela kommunen, inte en nämnd eller enhet")
        if self.role is not Role.ADMINISTRATOR and not self.committee:
            raise GrantError(f"rollen {ROLE_NAMES[self.role]} gäller en nämnd; ange nämnden")
        if self.role is Role.REPORTER and not self.unit:
            raise GrantError("en rapportör rapporterar för en enhet; ange enheten")
        if self.role in (Role.CONTROLLER, Role.READER) and self.unit:
            raise GrantError(f"rollen {ROLE_NAMES[self.role]} gäller hela nämnden, inte en enhet")


@dataclass(frozen=True, slots=True)
class Scope:
    """Where an action is allowed: everywhere, or in committees and in units of committees.

    `committees` are wholly in scope; `units` holds, per committee, the units in scope when only
    part of the committee is.
    """

    everywhere: bool = False
    committees: frozenset[CommitteeCode] = frozenset()
    units: frozenset[tuple[CommitteeCode, UnitCode]] = frozenset()

    def covers(self, committee: CommitteeCode, unit: UnitCode | None = None) -> bool:
        """Whether the scope holds the committee, or the unit of the committee.

        An item on no unit belongs to the committee as a whole, which a unit's scope does not.
        """
        if self.everywhere or committee in self.committees:
            return True
        return unit is not None and (committee, unit) in self.units

    def touches(self, committee: CommitteeCode) -> bool:
        """Whether any part of the committee is in scope."""
        return self.covers(committee) or any(code == committee for code, _ in self.units)


NOWHERE = Scope()


def scope(
    grants: Iterable[Grant], action: Action, units: dict[CommitteeCode, list[OrgUnit]]
) -> Scope:
    """Where the grants allow `action`; `units` holds each committee's org-unit tree."""
    everywhere = False
    committees: set[CommitteeCode] = set()
    in_units: set[tuple[CommitteeCode, UnitCode]] = set()
    for grant in grants:
        if action not in ROLE_ACTIONS[grant.role]:
            continue
        if grant.committee is None:
            everywhere = True
        elif grant.unit is None or action is Action.VIEW:
            # A reporter sees the whole committee, as its report shows every unit.
            committees.add(grant.committee)
        else:
            tree = units.get(grant.committee, [])
            below = [unit.code for unit in descendants(tree, grant.unit)]
            in_units.update((grant.committee, code) for code in (grant.unit, *below))
    return Scope(everywhere, frozenset(committees), frozenset(in_units))
