"""Fixtures shared by every test: the example dataset and a database that holds it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.apps.organisation.models import Municipality, RoleGrant
from uppsikt.domain.access import Role
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.dataset import read_dataset


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites golden files instead of comparing with them."""
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files")


def pytest_configure(config: pytest.Config) -> None:
    """Tests hash passwords with a fast hasher first.

    Argon2 is slow by design, and every persona has a password; tests/test_account_security.py
    proves production's Argon2 on its own.
    """
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are to be rewritten (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def example() -> Dataset:
    """The example dataset, parsed once."""
    dataset, problems = read_dataset(EXAMPLE)
    assert problems == [], [str(problem) for problem in problems]
    assert dataset is not None
    return dataset


@pytest.fixture
def loaded(db: None, example: Dataset) -> Dataset:
    """A database holding the example."""
    load_dataset(example, reason="test")
    return example


# The test personas (STYLE.md 16): on the example municipality, an administrator, the
# committee's controller, a reporter on one unit (Ekonomiavdelningen), a reporter on another unit
# of the same committee (Digitaliseringsavdelningen, beside it), a reader, and an outsider who is
# signed in but holds no role here.
PERSONA_GRANTS: dict[str, tuple[Role, str | None, str | None]] = {
    "admin": (Role.ADMINISTRATOR, None, None),
    "controller": (Role.CONTROLLER, "KS", None),
    "reporter": (Role.REPORTER, "KS", "EKO"),
    "other_reporter": (Role.REPORTER, "KS", "DIG"),
    "reader": (Role.READER, "KS", None),
}
PERSONAS = (*PERSONA_GRANTS, "outsider")


def make_persona(name: str, kolada_id: str = "0126") -> User:
    """A user with the persona's role in the municipality (none for the outsider)."""
    user = User.objects.create_user(name, password=f"{name}-lösenord-1")
    if name in PERSONA_GRANTS:
        role, committee, unit = PERSONA_GRANTS[name]
        municipality = Municipality.objects.get(kolada_id=kolada_id)
        on_committee = municipality.committees.get(code=committee) if committee else None
        RoleGrant.objects.create(
            user=user,
            municipality=municipality,
            role=role.value,
            committee=on_committee,
            unit=on_committee.units.get(code=unit) if on_committee and unit else None,
        )
    return user


@pytest.fixture
def as_persona(loaded: Dataset) -> Callable[[str], Client]:
    """A signed-in browser client for a persona: `as_persona("reporter")`."""

    def sign_in(name: str) -> Client:
        client = Client()
        client.force_login(make_persona(name))
        return client

    return sign_in
