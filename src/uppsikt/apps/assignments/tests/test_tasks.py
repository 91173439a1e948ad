"""Mina uppgifter: a person's assignments in open periods, those waiting first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.internal_control.models import ControlFollowUp
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_on_eko(loaded: Dataset) -> list[Assignment]:
    """U01 and U02 on the reporter's unit; U02 still without a status this period."""
    eko = OrgUnit.objects.get(code="EKO")
    moved = list(Assignment.objects.filter(code__in=["U01", "U02"]).order_by("code"))
    for item in moved:
        item.unit = eko
        item.save()
    AssignmentFollowUp.objects.filter(assignment__code="U02").update(status=None)
    return moved


def test_a_reporter_sees_their_units_assignments_the_waiting_one_first(
    two_on_eko: list[Assignment], as_persona: Callable[[str], Client]
) -> None:
    html = as_persona("reporter").get("/mina-uppgifter/").content.decode()
    assert "1 av 2 uppdrag väntar på din uppföljning." in html
    assert html.index("/uppdrag/U02/") < html.index("/uppdrag/U01/")
    assert "/uppdrag/U03/" not in html


def test_a_reader_and_a_closed_period_leave_nothing_to_do(
    two_on_eko: list[Assignment], as_persona: Callable[[str], Client]
) -> None:
    assert "Inget väntar på dig" in as_persona("reader").get("/mina-uppgifter/").content.decode()
    CommitteePeriod.objects.update(state="submitted")
    assert "Inget väntar på dig" in as_persona("reporter").get("/mina-uppgifter/").content.decode()


def test_a_controller_sees_what_is_left_before_the_period_can_be_submitted(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    assert "Kvar att göra" not in as_persona("reporter").get("/mina-uppgifter/").content.decode()
    before = [duty.text for duty in controller.get("/mina-uppgifter/").context["duties"]]
    # The example is published: every item has its status and every text is done.
    assert not any("åtgärder och kontroller" in text or "utkast" in text for text in before)
    ControlFollowUp.objects.filter(control__code__in=["K1", "K2"], period__kind="T1").update(
        status=None
    )
    Narrative.objects.filter(period__kind="T1", key="summary").update(draft=True)
    duties = controller.get("/mina-uppgifter/").context["duties"]
    texts = {duty.text: duty.url for duty in duties}
    assert texts["2 av 22 åtgärder och kontroller saknar status"] == (
        "/kommun/0126/KS/2023-T1/#internkontroll"
    )
    assert texts["1 textavsnitt är utkast"] == "/kommun/0126/KS/2023-T1/texter/"
