"""Preparing the Uppsikt that the test provider signs people in to, and reading its grants.

Run with Uppsikt's environment (`DATABASE_URL`, `UPPSIKT_OIDC_*`):
`python -m tests.oidc_provider.uppsikt_side`

    prepare                          tables, a committee with units, and its group roles
    by-hand USERNAME ROLE COMMITTEE  a grant an administrator gives by hand
    local USERNAME EMAIL             a local account, as an administrator makes one
    person USERNAME                  the person's name and grants as JSON (null: no account)
    people                           every account's name and grants, by username, as JSON
"""

from __future__ import annotations

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uppsikt.web.settings")
django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402

from uppsikt.apps.organisation.mapping import save_committee, save_municipality  # noqa: E402
from uppsikt.apps.organisation.models import GroupRole, Municipality, RoleGrant  # noqa: E402
from uppsikt.domain import organisation as domain  # noqa: E402

# The municipality's group roles: group, role, committee, unit.
GROUP_ROLES = [
    ("uppsikt-ks-controller", "controller", "KS", None),
    ("uppsikt-eko", "reporter", "KS", "EKO"),
    ("/kommun/hr", "reporter", "KS", "HR"),
]


def main(argv: list[str]) -> None:
    """Run one command against Uppsikt's database."""
    command, *args = argv
    if command == "prepare":
        _prepare()
    elif command == "by-hand":
        _by_hand(*args)
    elif command == "local":
        User.objects.create_user(*args, password="lokalt-losenord-1")
    elif command == "person":
        sys.stdout.write(json.dumps(_person(*args)) + "\n")
    elif command == "people":
        people = {user.username: _person(user.username) for user in User.objects.all()}
        sys.stdout.write(json.dumps(people) + "\n")
    else:
        raise SystemExit(f"okänt kommando: {command}")


def _prepare() -> None:
    call_command("migrate", verbosity=0)
    municipality = save_municipality(domain.Municipality("Huddinge", "0126"))
    units = (
        domain.OrgUnit("KSF", "Kommunstyrelseförvaltningen", domain.UnitKind.ADMINISTRATION),
        domain.OrgUnit("EKO", "Ekonomiavdelningen", domain.UnitKind.DEPARTMENT, "KSF"),
        domain.OrgUnit("HR", "HR-avdelningen", domain.UnitKind.DEPARTMENT, "KSF"),
    )
    save_committee(municipality, domain.Committee("KS", "Kommunstyrelsen"), units, 0)
    for group, role, code, unit in GROUP_ROLES:
        committee = municipality.committees.get(code=code)
        row = GroupRole(
            group=group,
            municipality=municipality,
            role=role,
            committee=committee,
            unit=committee.units.get(code=unit) if unit else None,
        )
        row.full_clean()
        row.save()


def _by_hand(username: str, role: str, code: str) -> None:
    municipality = Municipality.objects.get(kolada_id="0126")
    RoleGrant.objects.create(
        user=User.objects.get(username=username),
        municipality=municipality,
        role=role,
        committee=municipality.committees.get(code=code),
    )


def _person(username: str) -> dict[str, object] | None:
    user = User.objects.filter(username=username).first()
    if user is None:
        return None
    grants = sorted(
        [
            grant.role,
            grant.committee.code if grant.committee else "",
            grant.unit.code if grant.unit else "",
            grant.origin,
        ]
        for grant in user.role_grants.select_related("committee", "unit")
    )
    return {"name": user.get_full_name(), "email": user.email, "grants": grants}


if __name__ == "__main__":
    main(sys.argv[1:])
