"""Attacks on the site: forged forms, hostile parameters and oversized bodies all fail harmlessly.

Which pages and forms there are comes from the permission matrix (every view must be in it), so
a new view or form is attacked here as soon as it joins the matrix. docs/security.md says what
each test proves.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import quote

import pytest
from conftest import make_persona
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.helpers import database_counts
from tests.test_permission_matrix import MATRIX, PERIOD, mine, post_data, token_page_data
from uppsikt.apps.api.tests.conftest import token_for
from uppsikt.apps.assignments.models import AssignmentFollowUp
from uppsikt.apps.datasets.services import load_dataset
from uppsikt.domain.dataset import Dataset
from uppsikt.importers.excel.read import read_workbook
from uppsikt.importers.excel.tests.workbooks import TEMPLATE
from uppsikt.importers.excel.write import write_workbook

pytestmark = pytest.mark.django_db
__all__ = ["mine"]  # the matrix's fixture: U01 on the reporter's unit

# Every address of the matrix, and the answer an entitled person (the administrator) gets there.
ADDRESSES = sorted({url for _, _, url in MATRIX})
FORMS = sorted((view, url) for view, method, url in MATRIX if method == "POST")
SECRET = "Hemlighetsby kommun"  # a second municipality no persona of the example may see


def csrf_client(user: User) -> Client:
    """A browser that checks CSRF as a real one does, signed in, holding a CSRF cookie."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/konto/nycklar/")  # a page with a form sets the cookie
    return client


def data_for(url: str) -> dict[str, object]:
    """What the form at `url` sends (nothing where the matrix posts no form)."""
    if url.startswith("/konto/nycklar/"):
        return token_page_data(url)
    return post_data(url) if url in {url for _, url in FORMS} else {}


@pytest.mark.parametrize("url", ADDRESSES)
def test_a_post_without_a_csrf_token_is_refused_at_every_address(mine: None, url: str) -> None:
    """No view is exempt from CSRF: a forged POST is refused before any view reads it."""
    client = csrf_client(make_persona("admin"))
    data = data_for(url)
    before = database_counts()
    response = client.post(url, data)
    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert database_counts() == before


@pytest.mark.parametrize(("view", "url"), FORMS)
def test_every_form_saves_with_its_csrf_token_and_nothing_without(
    mine: None, view: str, url: str
) -> None:
    client = csrf_client(make_persona("admin"))
    data = data_for(url)  # the revoking's token is made here
    before = database_counts()
    assert client.post(url, data).status_code == 403
    assert database_counts() == before
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(url, {**data_for(url), "csrfmiddlewaretoken": token})
    assert response.status_code == MATRIX[(view, "POST", url)][0]


def account_addresses(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    """django-allauth's and the admin's addresses that take no parameter."""
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            if route.startswith(("konto/", "admin/")) or route == "":
                yield from account_addresses(item.url_patterns, route)
        elif route.startswith(("konto/", "admin/")) and "<" not in route and "(" not in route:
            yield f"/{route.lstrip('^').rstrip('$')}"


def test_every_account_and_admin_form_refuses_a_post_without_a_csrf_token(loaded: Dataset) -> None:
    addresses = sorted(set(account_addresses(get_resolver().url_patterns)))
    assert {"/konto/logga-in/", "/konto/logga-ut/", "/admin/login/"} <= set(addresses)
    client = csrf_client(make_persona("admin"))
    refused = {url: client.post(url, {"x": "1"}).status_code for url in addresses}
    assert refused == dict.fromkeys(addresses, 403)
    assert client.get("/mina-uppgifter/").status_code == 200  # still signed in


def test_signing_in_needs_the_csrf_token(loaded: Dataset) -> None:
    make_persona("reader")
    client = Client(enforce_csrf_checks=True)
    client.get("/konto/logga-in/")
    form = {"login": "reader", "password": "reader-lösenord-1"}
    assert client.post("/konto/logga-in/", form).status_code == 403
    assert client.get("/mina-uppgifter/").status_code == 302  # not signed in
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/konto/logga-in/", {**form, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert client.get("/mina-uppgifter/").status_code == 200


def test_signing_out_needs_the_csrf_token(loaded: Dataset) -> None:
    client = csrf_client(make_persona("reader"))
    assert client.post("/konto/logga-ut/").status_code == 403
    assert client.get("/mina-uppgifter/").status_code == 200  # still signed in
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    assert client.post("/konto/logga-ut/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert client.get("/mina-uppgifter/").status_code == 302


def test_the_admins_sign_in_form_signs_no_one_in_past_uppsikts_own(loaded: Dataset) -> None:
    """Django's admin sign-in would skip the limits on failed sign-ins and two-step
    verification: it needs the CSRF token, and even with it and the right password it only
    sends the person to Uppsikt's sign-in."""
    User.objects.create_superuser("root", password="root-lösenord-1")
    client = Client(enforce_csrf_checks=True)
    client.get("/konto/logga-in/")
    form = {"username": "root", "password": "root-lösenord-1", "next": "/admin/"}
    assert client.post("/admin/login/", form).status_code == 403
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    answer = client.post("/admin/login/", {**form, "csrfmiddlewaretoken": token})
    assert answer.status_code == 302
    assert answer["Location"].startswith("/konto/logga-in/?next=")
    assert client.get("/admin/").status_code == 302  # still not signed in
    signed_in = {"login": "root", "password": "root-lösenord-1", "csrfmiddlewaretoken": token}
    client.post("/konto/logga-in/", signed_in)
    assert client.get("/admin/").status_code == 200


def test_no_one_sets_or_resets_their_own_password(loaded: Dataset) -> None:
    """A person signed in through the provider has no password and cannot give themselves one."""
    client = Client()
    person = User.objects.create_user("anna")  # as single sign-on makes them: no password
    client.force_login(person)
    for address in ("/konto/password/set/", "/konto/password/reset/"):
        assert client.get(address).status_code == 404, address
    assert client.post("/konto/password/set/", {"password1": "x" * 20}).status_code == 404
    person.refresh_from_db()
    assert not person.has_usable_password()


API = "/api/committees/0126/KS/periods/2023-T1"


def test_a_signed_in_browser_can_neither_write_nor_read_through_the_api(mine: None) -> None:
    """The API reads bearer tokens only: a session cookie, with or without a CSRF token, is none.

    So a page elsewhere cannot make a signed-in person's browser write through the API.
    """
    client = csrf_client(make_persona("admin"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    headers = {"X-CSRFToken": token, "If-Match": '"1"'}
    body = {"status": "klart", "comment": "Förfalskat via API:t."}
    before = database_counts()
    comment = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1").comment
    put = client.put(
        f"{API}/assignments/U01/follow-up", body, content_type="application/json", headers=headers
    )
    lines = client.post(
        "/api/committees/0126/KS/indicator-values",
        "2023;0126;M1-I1;T;41\n",
        content_type="text/plain",
        headers=headers,
    )
    form = client.post(f"{API}/assignments/U01/follow-up", body, headers=headers)
    assert (put.status_code, lines.status_code, form.status_code) == (401, 401, 405)
    assert put.json()["detail"].startswith("Ange en nyckel")
    assert client.get(f"{API}/assignments/U01").status_code == 401
    assert database_counts() == before
    after = AssignmentFollowUp.objects.get(assignment__code="U01", period__kind="T1").comment
    assert after == comment


# Strings that try to break out of a query, a path or a number, and characters few expect.
HOSTILE = (
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE auth_user",
    "../../etc/passwd",
    "..",
    "%",
    "_",
    "*",
    "99999999999999999999999999",
    "-1",
    "1e309",
    "\x00",
    "KS\x00",
    "\u202e\ufeffÅÄÖ🙂",
    "a" * 2000,
)
# Every parameter of the pages: the path's parts and the query's, `{}` where the attack goes.
WEB_GETS = (
    "/kommun/{}/KS/2023-T1/",
    "/kommun/0126/{}/2023-T1/",
    "/kommun/0126/KS/{}/",
    f"{PERIOD}uppdrag/{{}}/",
    f"{PERIOD}mal/{{}}/",
    f"{PERIOD}internkontroll/{{}}/K1/",
    f"{PERIOD}internkontroll/kontroll/{{}}/",
    f"{PERIOD}ekonomi/{{}}/",
    f"{PERIOD}texter/{{}}/",
    f"{PERIOD}rapport.{{}}",
    f"{PERIOD}nasta-period/?period={{}}",
    f"{PERIOD}nasta-period/?period=2023-T2&closing_date={{}}",
    "/?{}={}",
    "/konto/logga-in/?next={}",
)
# The API's parameters: the path's parts and the bulk lines' query.
API_GETS = (
    "/api/committees/{}/KS",
    "/api/committees/0126/{}",
    "/api/committees/0126/KS/periods/{}",
    f"{API}/goals/{{}}",
    f"{API}/goals/{{}}/assessment",
    f"{API}/indicators/{{}}",
    f"{API}/indicators/M1-I1/values/{{}}/T",
    f"{API}/indicators/M1-I1/values/2022/{{}}",
    f"{API}/assignments/{{}}",
    f"{API}/assignments/{{}}/follow-up",
    f"{API}/internal-control/{{}}/K1",
    f"{API}/internal-control/kontroll/{{}}/follow-up",
    f"{API}/economy/{{}}",
    f"{API}/economy/resultatrakning/forecasts/{{}}/prognos",
    f"{API}/economy/resultatrakning/forecasts/personal/{{}}",
    f"{API}/economy/resultatrakning/comments/{{}}",
)


@pytest.fixture
def secret(loaded: Dataset) -> Dataset:
    """The example again as another municipality, which the example's personas may not see."""
    other = replace(
        loaded, municipality=replace(loaded.municipality, name=SECRET, kolada_id="9999")
    )
    load_dataset(other, reason="test")
    return other


def address(template: str, attack: str) -> str:
    """The template with the attack in place, encoded as a browser sends it."""
    return template.replace("{}", quote(attack, safe=""))


def harmless(status: int, content: bytes) -> bool:
    """An answer that neither failed nor showed the other municipality."""
    return status < 500 and SECRET.encode() not in content


def test_hostile_page_parameters_fail_harmlessly(secret: Dataset) -> None:
    client = Client()
    client.force_login(make_persona("controller"))
    failed = []
    for template in WEB_GETS:
        for attack in HOSTILE:
            url = address(template, attack)
            response = client.get(url)
            if not harmless(response.status_code, response.content):
                failed.append((url[:80], response.status_code))
            location = response.get("Location", "")
            assert not location.startswith(("//", "http", "javascript")), (url, location)
    assert failed == []


def test_hostile_api_parameters_fail_harmlessly(secret: Dataset) -> None:
    client = Client(headers={"Authorization": f"Bearer {token_for('controller')}"})
    failed = []
    for template in API_GETS:
        for attack in HOSTILE:
            url = address(template, attack)
            response = client.get(url)
            if not harmless(response.status_code, response.content):
                failed.append((url[:80], response.status_code))
            elif response.status_code >= 400 and "/" not in attack:  # else no route: Django's 404
                assert response["Content-Type"].startswith("application/json"), url
    assert failed == []


def test_a_hostile_bulk_query_fails_harmlessly(secret: Dataset) -> None:
    client = Client(headers={"Authorization": f"Bearer {token_for('controller')}"})
    before = database_counts()
    for name in ("source", "fetched", "other"):
        for attack in HOSTILE:
            url = f"/api/committees/0126/KS/indicator-values?{name}={quote(attack, safe='')}"
            response = client.post(url, "2023;9999;M1-I1;T;41\n", content_type="text/plain")
            assert harmless(response.status_code, response.content), (
                url[:80],
                response.status_code,
            )
    assert database_counts() == before  # each line names the other municipality: none written


def test_hostile_form_fields_fail_harmlessly(mine: None) -> None:
    """Every field of every form, one attack at a time, as the administrator who may post all."""
    client = Client()
    client.force_login(make_persona("admin"))
    before = {name: count for name, count in database_counts().items() if "Historical" not in name}
    failed = []
    for _, url in FORMS:
        for field in data_for(url):
            for attack in ("' OR 1=1 --", "\x00", "9" * 30, "-1", "../../etc/passwd"):
                response = client.post(url, {**data_for(url), field: attack})
                if response.status_code >= 500:
                    failed.append((url, field, repr(attack), response.status_code))
    assert failed == []
    after = {name: count for name, count in database_counts().items() if "Historical" not in name}
    assert {name for name in after if after[name] < before[name]} == set()


def test_a_body_over_the_limit_is_refused_by_the_api_and_the_pages(mine: None) -> None:
    """The real limit (10 MB), not a lowered one: the API answers 413, a page 400; nothing saved."""
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 10 * 2**20
    big = "2023;0126;M1-I1;T;41\n" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 20)
    assert len(big.encode()) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    api = Client(headers={"Authorization": f"Bearer {token_for('controller')}"})
    page = Client()
    page.force_login(make_persona("admin"))
    before = database_counts()
    response = api.post("/api/committees/0126/KS/indicator-values", big, content_type="text/plain")
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "body"
    url = f"{PERIOD}uppdrag/U01/"
    response = page.post(url, {**post_data(url), "comment": "x" * len(big)})
    assert response.status_code == 400
    assert database_counts() == before


def test_a_form_with_too_many_fields_is_refused(mine: None) -> None:
    page = Client()
    page.force_login(make_persona("admin"))
    url = f"{PERIOD}ekonomi/resultatrakning/"
    fields = {
        f"f-rad{number}-prognos": "1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)
    }
    before = database_counts()
    response = page.post(url, {**post_data(url), **fields})
    assert response.status_code == 400
    assert database_counts() == before


def test_a_body_that_says_it_is_small_but_is_not_is_read_only_as_far_as_it_says(
    loaded: Dataset,
) -> None:
    """A Content-Length that lies: the server reads what it declares, never more."""
    client = Client(headers={"Authorization": f"Bearer {token_for('controller')}"})
    line = "2023;0126;M1-I1;T;41\n"
    response = client.generic(
        "POST",
        "/api/committees/0126/KS/indicator-values",
        (line + "x" * 3 * 2**20).encode(),
        content_type="text/plain",
        CONTENT_LENGTH=str(len(line)),
    )
    assert response.status_code == 200
    assert response.json()["lines"] == 1


def rezipped(data: bytes, part: str, content: bytes) -> bytes:
    """The workbook with one part's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, content if name == part else source.read(name))
    return out.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be"])
def test_an_excel_part_with_a_dtd_is_refused_in_any_encoding(encoding: str) -> None:
    """A DTD in UTF-16 once passed the check, and openpyxl then expanded its entities."""
    workbook = write_workbook(TEMPLATE)
    sheet = zipfile.ZipFile(io.BytesIO(workbook)).read("xl/worksheets/sheet2.xml").decode()
    body = sheet.replace("P&#229;g&#229;r.", "&a;")
    part = f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE x [<!ENTITY a "INSMUGGLAD">]>'
    data = rezipped(workbook, "xl/worksheets/sheet2.xml", (part + body).encode(encoding))
    read, problems = read_workbook(data, "KS.xlsx")
    assert read is None
    assert [str(item) for item in problems] == [
        "KS.xlsx: filens del xl/worksheets/sheet2.xml har en DTD; en .xlsx-fil har ingen"
    ]


def test_a_zip_bomb_that_lies_about_its_size_is_refused() -> None:
    """Its parts say they unpack to little; reading stops there and the check fails the file."""
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", bytes(200 * 2**20))
    data = bytearray(bomb.getvalue())
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.index(header) + offset
        data[start : start + 4] = (1000).to_bytes(4, "little")  # says 1000 bytes unpacked
    read, problems = read_workbook(bytes(data), "KS.xlsx")
    assert read is None
    assert str(problems[0]).startswith("KS.xlsx: filen är ingen läsbar Excel-arbetsbok (.xlsx)")
