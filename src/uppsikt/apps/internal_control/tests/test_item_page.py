"""The controller updates risk actions, audit actions and controls; others only read them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import make_persona
from django.test import Client

from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.internal_control import services
from uppsikt.apps.internal_control.queries import KINDS, item_for
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, ReportingPeriod
from uppsikt.apps.vocabularies.models import Status, StatusVocabulary
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"
CONTROL = f"{PERIOD}internkontroll/kontroll/K3/"
# One item of each kind: its address, and words its page shows about what it is.
ITEMS = [
    (
        "riskatgard",
        "R1-A1",
        ["Riskåtgärd R1-A1", "Fastighetsinnehav", "exploateringsfastigheter nyttjas"],
    ),
    (
        "granskningsatgard",
        "G1-A1",
        ["Åtgärd efter granskning G1-A1", "Granskning av intern kontroll", "KS-2020/716.912"],
    ),
    (
        "kontroll",
        "K3",
        ["Kontroll K3", "Personaladministrativa rutiner", "Varför görs kontrollen?"],
    ),
]


def page_of(kind: str, code: str) -> str:
    return f"{PERIOD}internkontroll/{kind}/{code}/"


def follow_up(kind: str, code: str) -> FollowUpBase:
    """The item's follow-up for 2023-T1, as saved now."""
    found = KINDS[kind]
    rows = found.follow_up._default_manager.filter(period__kind="T1")
    return rows.get(**{f"{found.item_field}__code": code})


def form_version(html: str) -> int:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the page has no update form"
    return int(found[1])


def status(code: str) -> Status:
    return Status.objects.get(vocabulary__code="uppdrag", code=code)


@pytest.mark.parametrize(("kind", "code", "shown"), ITEMS)
def test_a_reader_sees_what_the_item_is_and_where_it_stands(
    as_persona: Callable[[str], Client], kind: str, code: str, shown: list[str]
) -> None:
    saved = follow_up(kind, code)
    assert saved.status is not None
    html = as_persona("reader").get(page_of(kind, code)).content.decode()
    for words in [*shown, saved.status.symbol, saved.status.label]:
        assert words in html
    assert saved.comment.split("\n")[0] in html


@pytest.mark.parametrize("persona", ["controller", "admin"])
def test_the_controller_updates_a_controls_status_and_comment(
    as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    version = form_version(client.get(CONTROL).content.decode())
    done = status("klart")
    response = client.post(
        CONTROL,
        {"status": done.pk, "comment": "Alla verifikationer är granskade.", "version": version},
        follow=True,
    )
    assert "Kontrollen är uppdaterad." in response.content.decode()
    saved = follow_up("kontroll", "K3")
    assert (saved.status, saved.comment, saved.version) == (
        done,
        "Alla verifikationer är granskade.",
        version + 1,
    )
    assert saved.history.first().history_user.username == persona
    overview = client.get(PERIOD).content.decode()
    assert "Alla verifikationer är granskade." in overview


@pytest.mark.parametrize(("kind", "code", "shown"), ITEMS)
def test_each_kind_of_item_is_updated_on_its_page(
    as_persona: Callable[[str], Client], kind: str, code: str, shown: list[str]
) -> None:
    controller = as_persona("controller")
    version = form_version(controller.get(page_of(kind, code)).content.decode())
    answer = controller.post(page_of(kind, code), {"comment": "Nytt läge.", "version": version})
    assert answer.status_code == 302
    assert (follow_up(kind, code).comment, follow_up(kind, code).status) == ("Nytt läge.", None)


def test_the_later_of_two_saves_gets_the_other_change_and_keeps_its_own_input(
    as_persona: Callable[[str], Client],
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    seen = form_version(controller.get(CONTROL).content.decode())
    assert form_version(admin.get(CONTROL).content.decode()) == seen
    admin.post(
        CONTROL, {"status": status("klart").pk, "comment": "Adminens text.", "version": seen}
    )

    late = controller.post(
        CONTROL, {"status": status("ej-klart").pk, "comment": "Controllerns text.", "version": seen}
    )
    html = late.content.decode()
    assert late.status_code == 409  # Conflict
    assert "Någon annan har ändrat kontrollen medan du arbetade" in html
    assert "admin sparade" in html  # who, and when after it
    start = html.index('id="conflict"')
    conflict = html[start : html.index("</div>", start)]
    assert "✔ Klart" in conflict  # the other change, shown
    assert "Adminens text." in conflict
    assert "Controllerns text.</textarea>" in html  # the person's own input, kept
    assert re.search(rf'<option value="{status("ej-klart").pk}" selected>', html)
    saved = follow_up("kontroll", "K3")
    assert (saved.comment, saved.version) == ("Adminens text.", seen + 1)  # nothing overwritten

    again = controller.post(
        CONTROL, {"comment": "Controllerns text.", "version": form_version(html)}
    )
    assert again.status_code == 302
    assert follow_up("kontroll", "K3").comment == "Controllerns text."


@pytest.mark.parametrize("persona", ["reader", "reporter"])
def test_readers_and_reporters_see_no_form_and_a_forged_post_is_refused(
    as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    page = client.get(CONTROL)
    assert page.status_code == 200
    assert 'name="version"' not in page.content.decode()
    assert "det gör nämndens controller" in page.content.decode()
    before = follow_up("kontroll", "K3")
    forged = client.post(CONTROL, {"comment": "Ändrat ändå", "version": before.version})
    assert forged.status_code == 403
    assert follow_up("kontroll", "K3").comment == before.comment


@pytest.mark.parametrize(("persona", "answer"), [("outsider", 404), ("anonymous", 302)])
def test_an_outsider_finds_nothing_and_an_anonymous_visitor_is_sent_to_sign_in(
    as_persona: Callable[[str], Client], persona: str, answer: int
) -> None:
    client = Client() if persona == "anonymous" else as_persona(persona)
    assert client.get(CONTROL).status_code == answer
    assert client.post(CONTROL, {"comment": "x", "version": 1}).status_code == answer
    assert follow_up("kontroll", "K3").comment != "x"


@pytest.mark.parametrize(
    "address",
    [
        page_of("kontroll", "K99"),  # no such control
        page_of("uppdrag", "U01"),  # not a kind of internal-control item
        page_of("kontroll", "R1-A1"),  # a risk action's code, not a control's
        "/kommun/0126/KS/2023-T2/internkontroll/kontroll/K3/",  # no such period
        "/kommun/0126/KS/2023-X9/internkontroll/kontroll/K3/",  # not a period at all
    ],
)
def test_an_address_that_names_no_item_is_not_found(
    as_persona: Callable[[str], Client], address: str
) -> None:
    assert as_persona("controller").get(address).status_code == 404


@pytest.mark.parametrize(("state", "word"), [("submitted", "inskickad"), ("locked", "låst")])
def test_a_period_that_is_no_longer_open_refuses_every_update(
    as_persona: Callable[[str], Client], state: str, word: str
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state=state)
    controller = as_persona("controller")
    page = controller.get(CONTROL).content.decode()
    assert f"perioden är {word}" in page
    assert 'name="version"' not in page
    before = follow_up("kontroll", "K3")
    forged = controller.post(CONTROL, {"comment": "x", "version": before.version})
    assert forged.status_code == 403
    assert follow_up("kontroll", "K3").comment == before.comment


@pytest.fixture
def own_control_statuses(loaded: Dataset) -> Status:
    """The committee follows up internal control on a list of its own; its one status."""
    year = CommitteeYear.objects.get(committee__code="KS")
    vocabulary = StatusVocabulary.objects.create(
        municipality=year.committee.municipality, code="ik", name="Status för intern kontroll"
    )
    year.control_statuses = vocabulary
    year.save()
    return Status.objects.create(
        vocabulary=vocabulary, code="genomford", label="Genomförd", outcome="done", symbol="✔"
    )


def test_only_the_statuses_for_internal_control_are_offered_and_accepted(
    own_control_statuses: Status, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    page = controller.get(CONTROL).content.decode()
    assert "✔ Genomförd" in page
    assert "Blir klart i år</option>" not in page  # the assignments' list, not offered
    version = form_version(page)
    refused = controller.post(
        CONTROL, {"status": status("klart").pk, "comment": "x", "version": version}
    )
    html = refused.content.decode()
    assert refused.status_code == 200
    error = re.search(r'<p class="error" id="id_status-error">([^<]+)</p>', html)
    assert error, "no error next to the status field"
    assert "giltigt" in error[1]  # in Swedish
    assert follow_up("kontroll", "K3").version == version  # nothing saved
    accepted = controller.post(
        CONTROL, {"status": own_control_statuses.pk, "comment": "x", "version": version}
    )
    assert accepted.status_code == 302
    assert follow_up("kontroll", "K3").status == own_control_statuses


def test_the_service_refuses_a_status_of_another_list_and_saves_nothing(
    own_control_statuses: Status,
) -> None:
    user = make_persona("controller")
    period = ReportingPeriod.objects.get(kind="T1")
    found = item_for(user, "kontroll", CommitteeYear.objects.get(), period, "K3")
    assert found is not None
    before = follow_up("kontroll", "K3")
    with pytest.raises(ValueError, match="hör inte till listan Status för intern kontroll"):
        services.update_follow_up(
            user, found, status=status("klart"), comment="x", version=before.version
        )
    assert follow_up("kontroll", "K3").version == before.version


def test_a_first_follow_up_is_written_from_version_0_and_a_second_first_one_conflicts(
    as_persona: Callable[[str], Client],
) -> None:
    follow_up("kontroll", "K3").delete()
    controller = as_persona("controller")
    page = controller.get(CONTROL).content.decode()
    assert form_version(page) == 0
    assert controller.post(CONTROL, {"comment": "Först.", "version": 0}).status_code == 302
    assert (follow_up("kontroll", "K3").comment, follow_up("kontroll", "K3").version) == (
        "Först.",
        1,
    )
    late = controller.post(CONTROL, {"comment": "Också först.", "version": 0})
    assert late.status_code == 409
    assert "Någon annan har ändrat kontrollen" in late.content.decode()
    assert follow_up("kontroll", "K3").comment == "Först."


def test_the_page_shows_every_change_with_who_when_and_old_and_new_values(
    as_persona: Callable[[str], Client],
) -> None:
    controller = as_persona("controller")
    before = follow_up("kontroll", "K3")
    assert before.status is not None
    controller.post(
        CONTROL, {"status": status("klart").pk, "comment": "Klart nu.", "version": before.version}
    )
    html = controller.get(CONTROL).content.decode()
    history = html[html.index('id="historik"') :]
    body = history.index("<tbody>")
    newest = history[body : history.index("</tr>", body)]
    assert "controller" in newest
    assert "Uppföljningen 2023-T1 ändrad" in newest
    assert f"<strong>Status:</strong> {before.status.label} → Klart" in newest
    assert f"<strong>Kommentar:</strong> {before.comment} → Klart nu." in newest
    assert "Kontrollen skapad" in history  # the load that created it, further down


def test_the_period_page_links_each_internal_control_row_to_its_page(
    as_persona: Callable[[str], Client],
) -> None:
    html = as_persona("reader").get(PERIOD).content.decode()
    section = html[html.index('id="internkontroll"') : html.index('id="ekonomi"')]
    links = re.findall(r'href="([^"]+/internkontroll/[^"]+)"', section)
    assert page_of("riskatgard", "R1-A1") in links
    assert page_of("granskningsatgard", "G1-A1") in links
    assert CONTROL in links
    items = sum(kind.model.objects.count() for kind in KINDS.values())
    assert len(links) == len(set(links)) == items  # every item's row, once
