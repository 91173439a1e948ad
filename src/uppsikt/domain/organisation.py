"""Municipality, committees and the org-unit tree under each committee."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

UnitCode = str
CommitteeCode = str


class UnitKind(StrEnum):
    """What level of the organisation a unit is."""

    ADMINISTRATION = "administration"  # förvaltning
    DEPARTMENT = "department"  # avdelning
    SECTION = "section"  # sektion
    UNIT = "unit"  # enhet


@dataclass(frozen=True, slots=True)
class Municipality:
    """A municipality, identified by its Kolada id (e.g. `0126`, never padded or stripped)."""

    name: str
    kolada_id: str


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """A unit of the organisation; `parent` is None for a top unit of its committee."""

    code: UnitCode
    name: str
    kind: UnitKind
    parent: UnitCode | None = None


@dataclass(frozen=True, slots=True)
class Committee:
    """A committee (nämnd) of the municipality."""

    code: CommitteeCode
    name: str


def children(units: Iterable[OrgUnit], parent: UnitCode | None) -> list[OrgUnit]:
    """The units directly under `parent` (top units when None), in their given order."""
    return [unit for unit in units if unit.parent == parent]


def descendants(units: Iterable[OrgUnit], code: UnitCode) -> list[OrgUnit]:
    """All units below `code`, depth first, excluding `code` itself."""
    units = list(units)
    found: list[OrgUnit] = []
    stack = list(reversed(children(units, code)))
    while stack:
        unit = stack.pop()
        found.append(unit)
        stack.extend(reversed(children(units, unit.code)))
    return found


def ancestors(units: Iterable[OrgUnit], code: UnitCode) -> list[OrgUnit]:
    """The chain of units above `code`, nearest first; stops at an unknown parent or a cycle."""
    by_code = {unit.code: unit for unit in units}
    chain: list[OrgUnit] = []
    seen = {code}
    parent = by_code[code].parent if code in by_code else None
    while parent is not None and parent in by_code and parent not in seen:
        seen.add(parent)
        chain.append(by_code[parent])
        parent = by_code[parent].parent
    return chain


def depth_first(units: Iterable[OrgUnit]) -> Iterator[tuple[int, OrgUnit]]:
    """Every unit reachable from the top, with its depth (0 for a top unit)."""
    units = list(units)

    def walk(parent: UnitCode | None, depth: int) -> Iterator[tuple[int, OrgUnit]]:
        for unit in children(units, parent):
            yield depth, unit
            yield from walk(unit.code, depth + 1)

    return walk(None, 0)


def units_in_cycles(units: Iterable[OrgUnit]) -> set[UnitCode]:
    """Codes of units whose parent chain loops back on itself."""
    by_code = {unit.code: unit for unit in units}
    looping: set[UnitCode] = set()
    for start in by_code:
        seen: set[UnitCode] = set()
        code: UnitCode | None = start
        while code is not None and code in by_code:
            if code in seen:
                looping.add(start)
                break
            seen.add(code)
            code = by_code[code].parent
    return looping
