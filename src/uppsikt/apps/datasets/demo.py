"""The demo: the example dataset and a user per role, ready to sign in with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model

from uppsikt.apps.datasets.services import load_dataset
from uppsikt.apps.periods.models import Year
from uppsikt.importers.dataset import read_dataset

EXAMPLE = Path(__file__).resolve().parents[4] / "examples" / "huddinge-ks-2023-t1"


@dataclass(frozen=True)
class DemoUser:
    """A demo account; the passwords are printed and are for the local demo only."""

    username: str
    password: str
    description: str
    superuser: bool = False


DEMO_USERS = (
    DemoUser("admin", "uppsikt-admin-demo", "administratör (även /admin/)", superuser=True),
    DemoUser("controller", "uppsikt-controller-demo", "controller för kommunstyrelsen"),
    DemoUser("reporter", "uppsikt-reporter-demo", "rapportör på kommunstyrelseförvaltningen"),
    DemoUser("reader", "uppsikt-reader-demo", "läsare"),
)


def ensure_example(path: Path) -> str:
    """Load the example unless its year is already in the database; say what was done."""
    dataset, problems = read_dataset(path)
    if dataset is None:
        details = "\n".join(str(problem) for problem in problems)
        raise ValueError(f"exemplet {path} kunde inte läsas:\n{details}")
    loaded = Year.objects.filter(
        municipality__kolada_id=dataset.municipality.kolada_id, year=dataset.year
    ).exists()
    if loaded:
        return f"{dataset.municipality.name} {dataset.year} finns redan i databasen."
    load_dataset(dataset, reason=f"uppsikt demo {path}")
    return f"Läste in {dataset.municipality.name} {dataset.year} från {path}."


def ensure_demo_users() -> None:
    """Create the demo users, or reset their passwords to the printed ones."""
    users = get_user_model()
    for demo in DEMO_USERS:
        user, _ = users.objects.get_or_create(username=demo.username)
        user.is_staff = user.is_superuser = demo.superuser
        user.set_password(demo.password)
        user.save()
