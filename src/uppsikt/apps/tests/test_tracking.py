"""Versions: a change based on a replaced version is refused, and nothing is overwritten."""

from __future__ import annotations

import pytest

from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.tracking import StaleVersionError, save_if_current
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db


def test_a_save_on_the_current_version_is_kept_and_counts_up(loaded: Dataset) -> None:
    row = AssignmentFollowUp.objects.order_by("pk").first()
    assert row is not None
    saved = save_if_current(row, row.version, comment="Nytt läge.")
    assert saved.version == row.version + 1
    assert AssignmentFollowUp.objects.get(pk=row.pk).comment == "Nytt läge."
    assert saved.history.first().comment == "Nytt läge."


def test_the_later_of_two_saves_on_one_version_is_refused_with_the_earlier_change(
    loaded: Dataset,
) -> None:
    row = AssignmentFollowUp.objects.order_by("pk").first()
    assert row is not None
    seen_by_both = row.version
    save_if_current(row, seen_by_both, comment="Först sparat.")
    with pytest.raises(StaleVersionError) as raised:
        save_if_current(row, seen_by_both, comment="Sparat sedan.")
    assert raised.value.current.comment == "Först sparat."  # type: ignore[attr-defined]
    assert AssignmentFollowUp.objects.get(pk=row.pk).comment == "Först sparat."


def test_a_save_that_changes_nothing_keeps_the_version_and_writes_no_history(
    loaded: Dataset,
) -> None:
    row = AssignmentFollowUp.objects.order_by("pk").first()
    assert row is not None
    history = row.history.count()
    saved = save_if_current(row, row.version, comment=row.comment, status=row.status)
    assert saved.version == row.version
    assert row.history.count() == history
