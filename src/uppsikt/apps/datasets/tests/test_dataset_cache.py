"""A committee's year is read once while nothing changes, and every edit shows at once."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from uppsikt.apps import kept
from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.datasets.services import dataset_from_db
from uppsikt.apps.kept import data_stamp
from uppsikt.apps.periods.models import Year
from uppsikt.apps.tracking import Tracked, save_if_current
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.periods import PeriodKey

# Committed transactions, as on a running site: the dataset is only kept outside transactions.
pytestmark = pytest.mark.django_db(transaction=True)
T1 = PeriodKey.parse("2023-T1")


def comment(dataset: Dataset, code: str) -> str:
    assignment = next(item for item in dataset.committee("KS").assignments if item.code == code)
    follow_up = assignment.follow_up(T1)
    return follow_up.comment if follow_up else ""


def test_the_year_is_read_once_while_the_stamp_is_unchanged(
    loaded: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    monkeypatch.setattr(kept, "data_stamp", lambda: "before")
    year = Year.objects.get()
    first = dataset_from_db(year, ("KS",))
    with django_assert_num_queries(0):
        assert dataset_from_db(year, ("KS",)) is first
    assert dataset_from_db(year) is not first  # another selection of committees is its own
    monkeypatch.setattr(kept, "data_stamp", lambda: "after")
    assert dataset_from_db(year, ("KS",)) is not first


def test_reading_the_year_leaves_the_stamp_as_it_was(loaded: Dataset) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL's snapshot moves with writes to any database of the server")
    stamp = data_stamp()
    dataset_from_db(Year.objects.get(), ("KS",))
    assert stamp is not None
    assert data_stamp() == stamp


def test_a_saved_comment_shows_at_once(loaded: Dataset) -> None:
    year = Year.objects.get()
    row = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert row is not None
    code = row.assignment.code
    assert comment(dataset_from_db(year, ("KS",)), code) != "Klart i oktober."
    save_if_current(row, row.version, comment="Klart i oktober.")
    assert comment(dataset_from_db(year, ("KS",)), code) == "Klart i oktober."


def test_a_deleted_assignment_is_gone_at_once(loaded: Dataset) -> None:
    year = Year.objects.get()
    code = Assignment.objects.order_by("pk").values_list("code", flat=True).first()
    assert any(item.code == code for item in dataset_from_db(year).committee("KS").assignments)
    Assignment.objects.get(code=code).delete()
    assert all(item.code != code for item in dataset_from_db(year).committee("KS").assignments)


def test_an_uncommitted_edit_is_seen_inside_its_transaction_and_never_kept(
    loaded: Dataset,
) -> None:
    year = Year.objects.get()
    row = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert row is not None
    code, before = row.assignment.code, row.comment
    assert comment(dataset_from_db(year, ("KS",)), code) == before
    with transaction.atomic():
        save_if_current(row, row.version, comment="Ångras strax.")
        assert comment(dataset_from_db(year, ("KS",)), code) == "Ångras strax."
        transaction.set_rollback(True)
    assert comment(dataset_from_db(year, ("KS",)), code) == before


def test_every_table_the_dataset_is_read_from_keeps_history(loaded: Dataset) -> None:
    # The stamp on SQLite is the newest history id of each model that keeps history: a table
    # without history would change unseen.
    tracked = {model._meta.db_table for model in apps.get_models() if issubclass(model, Tracked)}
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        dataset_from_db(Year.objects.get())  # inside a transaction: read afresh
    read = {
        table
        for query in queries.captured_queries
        for table in re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"])
    }
    assert read
    assert read - tracked == set()
