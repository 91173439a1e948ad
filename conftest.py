"""Fixtures shared by every test: the example dataset and a database that holds it."""

from __future__ import annotations

import pytest

from uppsikt.apps.datasets.demo import EXAMPLE
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.dataset import read_dataset


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
