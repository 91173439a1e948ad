"""Every view × every persona → the expected answer; a new view must join the matrix."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from conftest import PERSONAS
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from uppsikt.apps.api.models import AccessToken
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.economy.models import TableCell
from uppsikt.apps.goals.models import GoalAssessment
from uppsikt.apps.internal_control.queries import KINDS
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.organisation.models import OrgUnit
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PERIOD = "/kommun/0126/KS/2023-T1/"
MINE = f"{PERIOD}uppdrag/U01/"  # moved to the reporter's unit below
OTHER = f"{PERIOD}uppdrag/U02/"  # stays on the administration's top unit
THEIRS = f"{PERIOD}uppdrag/U03/"  # moved to the other reporter's unit (DIG) below
UPDATE = {"comment": "Ändrat i matrisen.", "version": 1}
TABLE = f"{PERIOD}ekonomi/resultatrakning/"
TEXT = f"{PERIOD}texter/summary/"
CONTROL = f"{PERIOD}internkontroll/kontroll/K1/"  # internal control: the committee's, no unit
RISK_ACTION = f"{PERIOD}internkontroll/riskatgard/R1-A1/"
GOAL = f"{PERIOD}mal/M9/"
ADMINS_TOKEN = 990001
REVOKE = f"/konto/nycklar/{ADMINS_TOKEN}/aterkalla/"  # a committee goal: assessed by the controller, no unit

# The answers per persona, in the order of PERSONAS, then an anonymous visitor:
# admin, controller, reporter (EKO), other_reporter (DIG, beside EKO), reader, outsider, anonymous.
# A reporter sees the whole committee (docs/roles.md) and reports only on their own units' items.
SEES = (200, 200, 200, 200, 200, 404, 302)
MATRIX: dict[tuple[str, str, str], tuple[int, ...]] = {
    ("overview:home", "GET", "/"): (200, 200, 200, 200, 200, 200, 302),  # the outsider sees no row
    ("overview:accessibility", "GET", "/tillganglighet/"): (200, 200, 200, 200, 200, 200, 200),
    ("overview:committee_period", "GET", PERIOD): SEES,
    ("assignments:tasks", "GET", "/mina-uppgifter/"): (200, 200, 200, 200, 200, 200, 302),
    ("reporting:report_page", "GET", f"{PERIOD}rapport/"): SEES,
    ("reporting:report", "GET", f"{PERIOD}rapport.html"): SEES,
    ("reporting:report", "GET", f"{PERIOD}rapport.pdf"): SEES,
    ("assignments:assignment", "GET", MINE): SEES,
    ("assignments:assignment", "POST", MINE): (302, 302, 302, 403, 403, 404, 302),
    ("assignments:assignment", "POST", OTHER): (302, 302, 403, 403, 403, 404, 302),
    ("assignments:assignment", "POST", THEIRS): (302, 302, 403, 302, 403, 404, 302),
    ("economy:table", "GET", TABLE): SEES,
    ("economy:table", "POST", TABLE): (302, 302, 403, 403, 403, 404, 302),
    ("narratives:sections", "GET", f"{PERIOD}texter/"): SEES,
    ("narratives:section", "GET", TEXT): SEES,
    ("narratives:section", "POST", TEXT): (302, 302, 403, 403, 403, 404, 302),
    # The preview shows the committee's figures: only for whoever may write the text.
    ("narratives:preview", "POST", f"{TEXT}forhandsgranska/"): (200, 200, 403, 403, 403, 404, 302),
    ("internal_control:item", "GET", CONTROL): SEES,
    ("internal_control:item", "POST", CONTROL): (302, 302, 403, 403, 403, 404, 302),
    ("internal_control:item", "POST", RISK_ACTION): (302, 302, 403, 403, 403, 404, 302),
    ("goals:goal", "GET", GOAL): SEES,
    ("goals:goal", "POST", GOAL): (302, 302, 403, 403, 403, 404, 302),
    # The first to submit moves the period; the next one's step is then refused as a message.
    ("reporting:step", "POST", f"{PERIOD}arbetsgang/"): (302, 302, 403, 403, 403, 404, 302),
    # The first to start 2023-T2 starts it; the next one is refused on the page, next to the field.
    ("periods:next_period", "GET", f"{PERIOD}nasta-period/"): (200, 200, 403, 403, 403, 404, 302),
    ("periods:next_period", "POST", f"{PERIOD}nasta-period/"): (302, 200, 403, 403, 403, 404, 302),
    # Reading in a file: for the controller and administrators; the POST's PNG is refused on the
    # page (nothing kept), see `post_data`.
    ("datasets:imports", "GET", f"{PERIOD}importera/"): (200, 200, 403, 403, 403, 404, 302),
    ("datasets:imports", "POST", f"{PERIOD}importera/"): (200, 200, 403, 403, 403, 404, 302),
    # Everyone signed in has their own API tokens; making one shows its secret on the page.
    ("api_tokens:tokens", "GET", "/konto/nycklar/"): (200, 200, 200, 200, 200, 200, 302),
    ("api_tokens:tokens", "POST", "/konto/nycklar/"): (200, 200, 200, 200, 200, 200, 302),
    # The admin's token (see `post_data`): no one else finds it.
    ("api_tokens:revoke", "POST", REVOKE): (302, 404, 404, 404, 404, 404, 302),
}
# Addresses that are not Uppsikt's views: Django's admin and django-allauth's account pages;
# the API has its own matrix of every operation (src/uppsikt/apps/api/tests/test_matrix.py).
NOT_OURS = ("admin", "konto", "api")


def named_routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for item in patterns:
        if isinstance(item, URLResolver):
            if str(item.pattern).startswith(NOT_OURS):
                continue
            space = f"{item.namespace}:" if item.namespace else prefix
            yield from named_routes(item.url_patterns, space)
        elif item.name and not item.name.startswith("account_"):
            yield f"{prefix}{item.name}"


def test_every_view_is_in_the_matrix() -> None:
    assert set(named_routes(get_resolver().url_patterns)) == {name for name, _, _ in MATRIX}


def post_data(url: str) -> dict[str, object]:  # noqa: PLR0911 - one answer per page
    """What the page's form would send, based on the current version."""
    if url == TABLE:
        cell = TableCell.objects.get(period__kind="T1", row__key="personal", column__key="prognos")
        return {"f-personal-prognos": "−277 132", "v-personal-prognos": cell.version}
    if url.startswith(TEXT):
        text = Narrative.objects.get(key="summary", period__kind="T1")
        body = "Ändrat i matrisen: {assignments.total} uppdrag."
        return {"title": text.title, "body": body, "done": "on", "version": text.version}
    if url.endswith("/nasta-period/"):
        return {"period": "2023-T2", "closing_date": ""}
    if url.endswith("/importera/"):  # a picture as an SIE file: refused by its bytes
        return {"kind": "sie", "file": SimpleUploadedFile("bok.se", b"\x89PNG\r\n\x1a\n")}
    if url.endswith("/arbetsgang/"):
        period = CommitteePeriod.objects.get(period__kind="T1")
        return {"target": "submitted", "version": period.version}
    code = url.rstrip("/").rsplit("/", 1)[1]
    if "/internkontroll/" in url:
        kind = KINDS[url.rstrip("/").rsplit("/", 2)[1]]
        rows = kind.follow_up._default_manager.filter(period__kind="T1")
        return {**UPDATE, "version": rows.get(**{f"{kind.item_field}__code": code}).version}
    if "/mal/" in url:  # a goal's assessment: version 0 until the first one is saved
        found = GoalAssessment.objects.filter(goal__code=code, period__kind="T1").first()
        version = found.version if found else 0
    else:
        version = Assignment.objects.get(code=code).follow_ups.get(period__kind="T1").version
    return {**UPDATE, "version": version}


def token_page_data(url: str) -> dict[str, object]:
    """What the token page's forms send; the admin's token is made when first asked for."""
    if url == REVOKE:
        admin = User.objects.get(username="admin")
        AccessToken.objects.get_or_create(
            pk=ADMINS_TOKEN,
            defaults={
                "user": admin,
                "name": "Matrisen",
                "prefix": "upk_x",
                "digest": "0" * 64,
                "created": timezone.now(),
            },
        )
        return {}
    return {"name": "Matrisen", "expires": ""}


@pytest.fixture
def mine(loaded: Dataset) -> None:
    for code, unit in (("U01", "EKO"), ("U03", "DIG")):
        assignment = Assignment.objects.get(code=code)
        assignment.unit = OrgUnit.objects.get(code=unit)
        assignment.save()


@pytest.mark.parametrize(("view", "method", "url"), list(MATRIX))
def test_each_persona_gets_the_expected_answer(
    mine: None, as_persona: Callable[[str], Client], view: str, method: str, url: str
) -> None:
    answers = []
    for persona in [*PERSONAS, "anonymous"]:
        client = Client() if persona == "anonymous" else as_persona(persona)
        if method == "GET":
            answers.append(client.get(url).status_code)
            continue
        data = token_page_data(url) if url.startswith("/konto/nycklar/") else post_data(url)
        answers.append(client.post(url, data).status_code)
    assert tuple(answers) == MATRIX[(view, method, url)]
