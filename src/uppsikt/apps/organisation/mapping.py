"""Mapping between organisation models and domain records."""

from __future__ import annotations

from uppsikt.apps.organisation import models
from uppsikt.domain import identity
from uppsikt.domain import organisation as domain


def save_municipality(item: domain.Municipality) -> models.Municipality:
    """Create the municipality, or update the name of the one with the same Kolada id."""
    row, created = models.Municipality.objects.get_or_create(
        kolada_id=item.kolada_id, defaults={"name": item.name}
    )
    if not created and row.name != item.name:
        row.name = item.name
        row.save()
    return row


def save_committee(
    municipality: models.Municipality,
    item: domain.Committee,
    units: tuple[domain.OrgUnit, ...],
    position: int,
) -> tuple[models.Committee, dict[str, models.OrgUnit]]:
    """Create or update a committee and its units by code; units not listed are kept."""
    committee, _ = models.Committee.objects.update_or_create(
        municipality=municipality,
        code=item.code,
        defaults={"name": item.name, "position": position},
    )
    rows: dict[str, models.OrgUnit] = {
        row.code: row for row in models.OrgUnit.objects.filter(committee=committee)
    }
    for index, unit in enumerate(units):
        values = {
            "name": unit.name,
            "kind": unit.kind.value,
            "parent": rows[unit.parent] if unit.parent else None,
            "position": index,
        }
        row = rows.get(unit.code)
        if row is None:
            rows[unit.code] = models.OrgUnit.objects.create(
                committee=committee, code=unit.code, **values
            )
        elif any(getattr(row, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    return committee, rows


def municipality_to_domain(row: models.Municipality) -> domain.Municipality:
    """The domain record of a municipality."""
    return domain.Municipality(row.name, row.kolada_id)


def committee_to_domain(row: models.Committee) -> domain.Committee:
    """The domain record of a committee."""
    return domain.Committee(row.code, row.name)


def units_to_domain(committee: models.Committee) -> tuple[domain.OrgUnit, ...]:
    """The committee's units, parents before children, in their order."""
    rows = list(committee.units.select_related("parent"))
    units = [
        domain.OrgUnit(
            row.code, row.name, domain.UnitKind(row.kind), row.parent.code if row.parent else None
        )
        for row in rows
    ]
    return tuple(unit for _, unit in domain.depth_first(units))


def held_grant(row: models.RoleGrant | models.GroupRole) -> identity.HeldGrant:
    """The grant a person holds, or a group gives, with its municipality."""
    return identity.HeldGrant(row.municipality.kolada_id, row.to_domain())


def group_role_to_domain(row: models.GroupRole) -> identity.GroupRole:
    """The domain record of a group role."""
    return identity.GroupRole(row.group, held_grant(row))
