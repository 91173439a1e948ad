"""The period to the lock: submitted, approved, locked with its report frozen, reopened."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client

from tests.helpers import database_counts
from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.apps.periods.services import start_next_period
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.tracking import save_if_current
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.periods import PeriodKey

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"
STEP = f"{PERIOD}arbetsgang/"


def t1() -> CommitteePeriod:
    return CommitteePeriod.objects.get(period__kind="T1")


def step(client: Client, target: str, **facts: str) -> list[str]:
    """Take a step from the period's page; the page's messages come back."""
    response = client.post(STEP, {"target": target, "version": t1().version, **facts}, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def lock(controller: Client) -> None:
    assert step(controller, "submitted") == ["Perioden är uppdaterad."]
    decided = {"decision_date": "2023-05-23", "paragraph": "§ 87", "case_reference": "KS-2023/1"}
    assert step(controller, "approved", **decided) == ["Perioden är uppdaterad."]
    assert step(controller, "locked") == ["Perioden är uppdaterad."]


def test_the_controller_takes_the_period_to_the_lock_and_the_report_is_frozen(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    lock(controller)
    period = t1()
    assert (period.state, str(period.decision_date), period.decision_paragraph) == (
        "locked",
        "2023-05-23",
        "§ 87",
    )
    frozen = {row.format: row for row in FrozenReport.objects.filter(committee_period=period)}
    assert set(frozen) == {"pdf", "docx", "html", "json"}
    for row in frozen.values():
        assert row.edition == 1
        assert row.sha256 == hashlib.sha256(bytes(row.content)).hexdigest()
        assert row.frozen_by is not None
        assert row.frozen_by.username == "controller"
    pdf = controller.get(f"{PERIOD}rapport.pdf")
    assert hashlib.sha256(pdf.content).hexdigest() == frozen["pdf"].sha256
    assert pdf["ETag"] == f'"{frozen["pdf"].sha256}"'
    page = controller.get(PERIOD).content.decode()
    assert frozen["pdf"].sha256 in page
    assert "<dt>Beslutad</dt><dd>23 maj 2023, § 87</dd>" in bytes(frozen["html"].content).decode()


def test_a_locked_period_refuses_edits_and_its_frozen_pdf_never_changes(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    lock(controller)
    before = hashlib.sha256(controller.get(f"{PERIOD}rapport.pdf").content).hexdigest()
    follow_up = AssignmentFollowUp.objects.filter(period__kind="T1").order_by("pk").first()
    assert follow_up is not None
    refused = controller.post(
        f"{PERIOD}uppdrag/{follow_up.assignment.code}/",
        {"comment": "Efter låsningen", "version": follow_up.version},
    )
    assert refused.status_code == 403
    # Data changed underneath anyway (and in the next period): the frozen report stays.
    AssignmentFollowUp.objects.filter(pk=follow_up.pk).update(comment="Ändrat i databasen")
    after = hashlib.sha256(controller.get(f"{PERIOD}rapport.pdf").content).hexdigest()
    assert after == before


# Every page that edits something of the period, and what its form would send.
EDITS = {
    f"{PERIOD}uppdrag/U01/": {"comment": "Efter låsningen", "version": "1"},
    f"{PERIOD}internkontroll/kontroll/K1/": {"comment": "Efter låsningen", "version": "1"},
    f"{PERIOD}mal/M9/": {"comment": "Efter låsningen", "version": "1"},
    f"{PERIOD}texter/summary/": {"title": "Efter", "body": "Efter låsningen", "version": "1"},
    f"{PERIOD}texter/summary/forhandsgranska/": {"title": "Efter", "body": "x", "version": "1"},
    f"{PERIOD}ekonomi/resultatrakning/": {"f-personal-prognos": "−1", "v-personal-prognos": "1"},
}


def test_a_locked_period_refuses_every_edit_and_the_next_periods_work_leaves_its_pdf(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    lock(controller)
    before = hashlib.sha256(controller.get(f"{PERIOD}rapport.pdf").content).hexdigest()
    counts = database_counts()
    for person in (controller, admin):
        for url, data in EDITS.items():
            assert person.post(url, data).status_code == 403, url
    assert database_counts() == counts
    # The next period starts from this one and its work goes on: the frozen report stays.
    user = User.objects.get(username="controller")
    start_next_period(user, t1(), PeriodKey.parse("2023-T2"))
    summary = Narrative.objects.get(period__kind="T2", key="summary")
    save_if_current(summary, summary.version, body="Ny text för andra tertialet.")
    follow_up = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1")
    AssignmentFollowUp.objects.create(
        assignment=follow_up.assignment, period=summary.period, comment="Andra tertialet."
    )
    after = hashlib.sha256(controller.get(f"{PERIOD}rapport.pdf").content).hexdigest()
    assert after == before


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_only_a_controller_or_administrator_moves_the_period(
    loaded: Dataset, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    assert client.post(STEP, {"target": "submitted", "version": t1().version}).status_code == 403
    assert t1().state == "open"
    assert 'action="/kommun/0126/KS/2023-T1/arbetsgang/"' not in client.get(PERIOD).content.decode()


def test_approving_needs_the_decision_date(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    step(controller, "submitted")
    assert step(controller, "approved") == [
        "Steget gick inte att ta: ange dagen då nämnden beslutade om rapporten."
    ]
    assert t1().state == "submitted"


def test_a_period_with_text_sections_still_drafts_is_not_submitted(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    sections = Narrative.objects.filter(period__kind="T1").order_by("pk")
    sections.filter(pk__in=[row.pk for row in sections[:2]]).update(draft=True)
    titles = ", ".join(row.title for row in sections.filter(draft=True))
    refusal = (
        "Steget gick inte att ta: perioden kan skickas in först när alla textavsnitt är "
        f"klarmarkerade; utkast: {titles}."
    )
    assert step(controller, "submitted") == [refusal]
    assert t1().state == "open"
    sections.update(draft=False)
    assert step(controller, "submitted") == ["Perioden är uppdaterad."]


def test_only_an_administrator_reopens_a_locked_period_and_says_why(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    lock(controller)
    assert controller.post(STEP, {"target": "open", "version": t1().version}).status_code == 403
    assert step(admin, "open") == [
        "Steget gick inte att ta: ange varför den låsta perioden öppnas igen."
    ]
    assert step(admin, "open", reason="Fel siffra i bilaga 2") == ["Perioden är uppdaterad."]
    period = t1()
    assert period.state == "open"
    reopened = period.history.first()
    assert reopened.history_change_reason == "Öppna den låsta perioden: Fel siffra i bilaga 2"
    assert reopened.history_user.username == "admin"
    lock(controller)  # locked again: a second edition, the first kept unchanged
    editions = FrozenReport.objects.filter(committee_period=period, format="pdf")
    assert sorted(editions.values_list("edition", flat=True)) == [1, 2]


def test_a_step_from_a_page_someone_else_has_since_changed_is_refused(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    seen = t1().version
    step(controller, "submitted")
    response = controller.post(STEP, {"target": "open", "version": seen}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Någon annan har ändrat perioden under tiden; se hur den står nu."
    ]
    assert t1().state == "submitted"
