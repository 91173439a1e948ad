"""A reporter updates an assignment; others may not; two at once never overwrite each other."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.apps.vocabularies.models import Status
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"


@pytest.fixture
def on_eko(loaded: Dataset) -> Assignment:
    """The first assignment, moved to Ekonomiavdelningen, where the reporter persona reports."""
    assignment = Assignment.objects.order_by("position").first()
    assert assignment is not None
    assignment.unit = OrgUnit.objects.get(code="EKO")
    assignment.save()
    return assignment


def page_of(assignment: Assignment) -> str:
    return f"{PERIOD}uppdrag/{assignment.code}/"


def follow_up(assignment: Assignment) -> AssignmentFollowUp:
    return AssignmentFollowUp.objects.get(assignment=assignment, period__kind="T1")


def form_version(html: str) -> int:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the page has no update form"
    return int(found[1])


def status(code: str) -> Status:
    return Status.objects.get(vocabulary__code="uppdrag", code=code)


def test_a_reporter_updates_an_assignment_of_their_unit_and_the_report_shows_it(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    reporter = as_persona("reporter")
    page = reporter.get(page_of(on_eko)).content.decode()
    version = form_version(page)
    done = status("klart")
    response = reporter.post(
        page_of(on_eko),
        {"status": done.pk, "comment": "Klart i april, se bilaga.", "version": version},
        follow=True,
    )
    assert "Uppdraget är uppdaterat." in response.content.decode()
    saved = follow_up(on_eko)
    assert (saved.status, saved.comment, saved.version) == (
        done,
        "Klart i april, se bilaga.",
        version + 1,
    )
    assert saved.history.first().history_user.username == "reporter"
    assert "Klart i april, se bilaga." in reporter.get(f"{PERIOD}rapport.html").content.decode()


def test_a_reporter_cannot_edit_another_units_assignment(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    other = Assignment.objects.exclude(pk=on_eko.pk).order_by("position").first()
    assert other is not None
    reporter = as_persona("reporter")
    before = follow_up(other).comment
    assert 'name="version"' not in reporter.get(page_of(other)).content.decode()
    forged = reporter.post(page_of(other), {"comment": "Ändrat ändå", "version": 1})
    assert forged.status_code == 403
    assert follow_up(other).comment == before


def test_a_reader_sees_no_form_and_a_forged_post_is_refused(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    reader = as_persona("reader")
    page = reader.get(page_of(on_eko))
    assert page.status_code == 200
    assert '<form method="post" class="stacked"' not in page.content.decode()
    before = follow_up(on_eko).comment
    assert reader.post(page_of(on_eko), {"comment": "x", "version": 1}).status_code == 403
    assert follow_up(on_eko).comment == before


def test_an_outsider_finds_no_such_assignment(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    outsider = as_persona("outsider")
    assert outsider.get(page_of(on_eko)).status_code == 404
    assert outsider.post(page_of(on_eko), {"comment": "x", "version": 1}).status_code == 404


def test_the_later_of_two_saves_gets_the_other_change_and_keeps_its_own_input(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    reporter, controller = as_persona("reporter"), as_persona("controller")
    seen = form_version(reporter.get(page_of(on_eko)).content.decode())
    assert form_version(controller.get(page_of(on_eko)).content.decode()) == seen
    controller.post(page_of(on_eko), {"comment": "Controllerns text.", "version": seen})

    late = reporter.post(page_of(on_eko), {"comment": "Rapportörens text.", "version": seen})
    html = late.content.decode()
    assert late.status_code == 409  # Conflict
    assert "Någon annan har ändrat uppdraget medan du arbetade" in html
    assert "controller sparade" in html
    assert "Controllerns text." in html  # the other change, shown
    assert "Rapportörens text.</textarea>" in html  # the person's own input, kept
    assert follow_up(on_eko).comment == "Controllerns text."  # nothing overwritten

    again = reporter.post(
        page_of(on_eko), {"comment": "Rapportörens text.", "version": form_version(html)}
    )
    assert again.status_code == 302
    assert follow_up(on_eko).comment == "Rapportörens text."


def test_a_status_not_in_the_committees_list_is_refused_next_to_the_field(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    version = form_version(controller.get(page_of(on_eko)).content.decode())
    unknown = max(Status.objects.values_list("pk", flat=True)) + 1
    response = controller.post(
        page_of(on_eko), {"status": unknown, "comment": "", "version": version}
    )
    assert response.status_code == 200
    assert 'id="id_status-error"' in response.content.decode()
    assert follow_up(on_eko).version == version


def test_a_period_that_is_no_longer_open_refuses_every_update(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state="locked")
    controller = as_persona("controller")
    page = controller.get(page_of(on_eko)).content.decode()
    assert "perioden är låst" in page
    assert 'name="version"' not in page
    before = follow_up(on_eko).comment
    assert controller.post(page_of(on_eko), {"comment": "x", "version": 1}).status_code == 403
    assert follow_up(on_eko).comment == before


def test_the_page_shows_every_change_with_who_when_and_old_and_new_values(
    on_eko: Assignment, as_persona: Callable[[str], Client]
) -> None:
    reporter = as_persona("reporter")
    before = follow_up(on_eko)
    reporter.post(
        page_of(on_eko),
        {"status": status("klart").pk, "comment": "Klart nu.", "version": before.version},
    )
    html = reporter.get(page_of(on_eko)).content.decode()
    history = html[html.index('id="historik"') :]
    body = history.index("<tbody>")
    newest = history[body : history.index("</tr>", body)]
    assert "reporter" in newest
    assert "Uppföljningen 2023-T1 ändrad" in newest
    assert f"<strong>Kommentar:</strong> {before.comment} → Klart nu." in newest
    assert "Uppdraget skapad" in history  # the load that created it, further down
