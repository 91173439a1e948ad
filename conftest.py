"""Fixtures shared by every test: the example dataset and a database that holds it."""

from __future__ import annotations

import pytest

from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.dataset import read_dataset


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-golden` rewrites golden files instead of comparing with them."""
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files")


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
