"""The demo: the example dataset and a user per role, ready to sign in with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from uppsikt.apps.datasets.services import load_dataset
from uppsikt.apps.organisation.models import Municipality, RoleGrant
from uppsikt.apps.periods.models import Year
from uppsikt.domain.access import Role
from uppsikt.importers.dataset import read_dataset

EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / "huddinge-ks-2023-t1"


@dataclass(frozen=True)
class DemoUser:
    """A demo account; the passwords are printed and are for the local demo only."""

    username: str
    password: str
    role: Role


DEMO_USERS = (
    DemoUser("admin", "uppsikt-admin-demo", Role.ADMINISTRATOR),
    DemoUser("controller", "uppsikt-controller-demo", Role.CONTROLLER),
    DemoUser("reporter", "uppsikt-reporter-demo", Role.REPORTER),
    DemoUser("reader", "uppsikt-reader-demo", Role.READER),
)


def ensure_example(path: Path) -> tuple[str, str]:
    """Load the example unless its year is already in the database.

    Returns what was done, and the municipality's Kolada id.
    """
    dataset, problems = read_dataset(path)
    if dataset is None:
        details = "\n".join(str(problem) for problem in problems)
        raise ValueError(f"exemplet {path} kunde inte läsas:\n{details}")
    kolada_id = dataset.municipality.kolada_id
    if Year.objects.filter(municipality__kolada_id=kolada_id, year=dataset.year).exists():
        return f"{dataset.municipality.name} {dataset.year} finns redan i databasen.", kolada_id
    load_dataset(dataset, reason=f"uppsikt demo {path}")
    return f"Läste in {dataset.municipality.name} {dataset.year} från {path}.", kolada_id


def ensure_demo_users(kolada_id: str) -> list[tuple[DemoUser, str]]:
    """Create the demo users with their roles, or reset them; each with what it may do.

    The controller and the reader hold the municipality's first committee, the reporter its
    first top unit (the administration, sub-units included); the administrator the
    municipality, and Django's admin pages as well.
    """
    municipality = Municipality.objects.get(kolada_id=kolada_id)
    committee = municipality.committees.order_by("position", "pk").first()
    if committee is None:
        raise ValueError(f"{municipality.name} har ingen nämnd att ge demoanvändarna roller i")
    unit = committee.units.filter(parent=None).order_by("position", "pk").first()
    scopes = {
        Role.ADMINISTRATOR: (None, None, f"administratör för {municipality.name} (även /admin/)"),
        Role.CONTROLLER: (committee, None, f"controller för {committee.name.lower()}"),
        Role.REPORTER: (committee, unit, f"rapportör för {unit.name.lower() if unit else '–'}"),
        Role.READER: (committee, None, f"läsare av {committee.name.lower()}"),
    }
    users = get_user_model()
    created = []
    for demo in DEMO_USERS:
        on_committee, on_unit, description = scopes[demo.role]
        if demo.role is Role.REPORTER and on_unit is None:
            continue  # a committee without units has no one to report for
        user, _ = users.objects.get_or_create(username=demo.username)
        user.is_staff = user.is_superuser = demo.role is Role.ADMINISTRATOR
        user.set_password(demo.password)
        user.save()
        RoleGrant.objects.get_or_create(
            user=user,
            municipality=municipality,
            role=demo.role.value,
            committee=on_committee,
            unit=on_unit,
        )
        created.append((demo, description))
    return created
