"""Single sign-on: the provider from the environment, group roles, and signing in for real.

The tests marked slow run a real OpenID Connect provider (django-oauth-toolkit, `oidc_provider/`)
and Uppsikt itself as servers on loopback, and sign people in through the authorization code
flow with PKCE as a browser would: Uppsikt's sign-in page, the provider's login and consent,
back to Uppsikt.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit, urlunsplit
from uuid import uuid4

import httpx
import psycopg
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client
from psycopg import sql

from tests.helpers import form_fields
from uppsikt.apps.organisation.mapping import save_committee, save_municipality
from uppsikt.apps.organisation.models import GrantOrigin, GroupRole, Municipality, RoleGrant
from uppsikt.apps.organisation.services import grant_by_groups
from uppsikt.domain import organisation as domain
from uppsikt.web.settings import single_sign_on

REPOSITORY = Path(__file__).parents[1]

PROVIDER = {
    "UPPSIKT_OIDC_SERVER_URL": "https://login.exempelby.se/realms/kommun",
    "UPPSIKT_OIDC_CLIENT_ID": "uppsikt",
    "UPPSIKT_OIDC_SECRET": "hemligt",
}


def test_without_a_provider_there_is_no_single_sign_on() -> None:
    assert single_sign_on({}) is None


def test_the_provider_comes_from_the_environment() -> None:
    providers = single_sign_on({**PROVIDER, "UPPSIKT_OIDC_NAME": "Exempelby-inloggning"})
    assert providers is not None
    (app,) = providers["openid_connect"]["APPS"]  # type: ignore[index]
    assert app["name"] == "Exempelby-inloggning"
    assert app["settings"] == {
        "server_url": PROVIDER["UPPSIKT_OIDC_SERVER_URL"],
        "scope": ["openid", "profile", "email"],
        "groups_claim": "groups",
    }


def test_the_groups_claim_and_the_scopes_come_from_the_environment() -> None:
    environ = {
        **PROVIDER,
        "UPPSIKT_OIDC_GROUPS_CLAIM": "roles",
        "UPPSIKT_OIDC_SCOPES": "openid profile allatclaims",
    }
    providers = single_sign_on(environ)
    assert providers is not None
    (app,) = providers["openid_connect"]["APPS"]  # type: ignore[index]
    assert app["settings"]["groups_claim"] == "roles"
    assert app["settings"]["scope"] == ["openid", "profile", "allatclaims"]


def test_scopes_without_openid_are_refused() -> None:
    with pytest.raises(ImproperlyConfigured, match="UPPSIKT_OIDC_SCOPES ska innehålla openid"):
        single_sign_on({**PROVIDER, "UPPSIKT_OIDC_SCOPES": "profile email"})


def test_a_provider_without_its_client_is_named_as_incomplete() -> None:
    with pytest.raises(ImproperlyConfigured, match="UPPSIKT_OIDC_SECRET saknas"):
        single_sign_on({k: v for k, v in PROVIDER.items() if k != "UPPSIKT_OIDC_SECRET"})


@pytest.mark.slow
def test_uppsikt_starts_with_single_sign_on_configured() -> None:
    env = {**os.environ, **PROVIDER, "DJANGO_SETTINGS_MODULE": "uppsikt.web.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


# Group roles and the grants they give, in the database.


@pytest.fixture
def organisation(db: None) -> None:
    """The example municipality's committee KS with the units KSF, EKO (under it) and HR."""
    municipality = save_municipality(domain.Municipality("Huddinge", "0126"))
    units = (
        domain.OrgUnit("KSF", "Kommunstyrelseförvaltningen", domain.UnitKind.ADMINISTRATION),
        domain.OrgUnit("EKO", "Ekonomiavdelningen", domain.UnitKind.DEPARTMENT, "KSF"),
        domain.OrgUnit("HR", "HR-avdelningen", domain.UnitKind.DEPARTMENT, "KSF"),
    )
    save_committee(municipality, domain.Committee("KS", "Kommunstyrelsen"), units, 0)


def group_role(group: str, role: str, committee: str, unit: str | None = None) -> GroupRole:
    """A group role on the example municipality's committee (and unit), checked and saved."""
    municipality = Municipality.objects.get(kolada_id="0126")
    on = municipality.committees.get(code=committee)
    row = GroupRole(
        group=group,
        municipality=municipality,
        role=role,
        committee=on,
        unit=on.units.get(code=unit) if unit else None,
    )
    row.full_clean()
    row.save()
    return row


def grants(user: User) -> set[tuple[str, str, str, str]]:
    """The person's grants: role, committee, unit ("" for none) and origin."""
    return {
        (g.role, g.committee.code if g.committee else "", g.unit.code if g.unit else "", g.origin)
        for g in user.role_grants.select_related("committee", "unit")
    }


def test_a_sign_in_replaces_the_grants_from_groups_and_keeps_those_given_by_hand(
    organisation: None,
) -> None:
    group_role("ks-controller", "controller", "KS")
    group_role("eko", "reporter", "KS", "EKO")
    person = User.objects.create_user("anna")
    by_hand = RoleGrant.objects.create(
        user=person,
        municipality=Municipality.objects.get(kolada_id="0126"),
        role="reader",
        committee=Municipality.objects.get(kolada_id="0126").committees.get(code="KS"),
    )
    assert by_hand.origin == GrantOrigin.MANUAL

    grant_by_groups(person, frozenset({"ks-controller", "eko", "okänd"}))
    assert grants(person) == {
        ("controller", "KS", "", "groups"),
        ("reporter", "KS", "EKO", "groups"),
        ("reader", "KS", "", "manual"),
    }
    changes = grant_by_groups(person, frozenset({"eko"}))
    assert len(changes.remove) == 1
    assert not changes.add
    assert grants(person) == {("reporter", "KS", "EKO", "groups"), ("reader", "KS", "", "manual")}
    grant_by_groups(person, frozenset())
    assert grants(person) == {("reader", "KS", "", "manual")}
    removed = RoleGrant.history.filter(history_type="-", origin="groups")
    assert {entry.history_change_reason for entry in removed} == {"inloggning: roller från grupper"}


def test_a_role_given_both_by_hand_and_by_a_group_stays_when_the_group_is_left(
    organisation: None,
) -> None:
    group_role("ks-läsare", "reader", "KS")
    person = User.objects.create_user("bo")
    municipality = Municipality.objects.get(kolada_id="0126")
    committee = municipality.committees.get(code="KS")
    RoleGrant.objects.create(
        user=person, municipality=municipality, role="reader", committee=committee
    )
    grant_by_groups(person, frozenset({"ks-läsare"}))
    assert grants(person) == {("reader", "KS", "", "manual"), ("reader", "KS", "", "groups")}
    grant_by_groups(person, frozenset())
    assert grants(person) == {("reader", "KS", "", "manual")}


# group, role, committee, unit, the fault named
BAD_GROUP_ROLES = [
    ("eko", "reporter", "KS", None, "en rapportör rapporterar för en enhet; ange enheten"),
    ("ks", "controller", "KS", "EKO", "rollen controller gäller hela nämnden, inte en enhet"),
    ("   ", "reader", "KS", None, "ange gruppen som identitetsleverantören skickar"),
]


@pytest.mark.parametrize(("group", "role", "committee", "unit", "fault"), BAD_GROUP_ROLES)
def test_a_group_role_whose_scope_does_not_fit_is_refused_by_name(
    organisation: None, group: str, role: str, committee: str, unit: str | None, fault: str
) -> None:
    with pytest.raises(ValidationError, match=fault):
        group_role(group, role, committee, unit)
    assert not GroupRole.objects.exists()


def test_the_same_group_cannot_give_the_same_role_twice(organisation: None) -> None:
    group_role("eko", "reporter", "KS", "EKO")
    with pytest.raises(ValidationError, match="gruppen ger redan den här rollen här"):
        group_role(" eko ", "reporter", "KS", "EKO")
    assert GroupRole.objects.count() == 1


def admin_client() -> Client:
    """A browser signed in as the installation's superuser."""
    client = Client()
    client.force_login(User.objects.create_superuser("it", password="it-lösenord-1"))
    return client


def test_it_maps_a_group_to_a_role_in_the_admin_and_a_misfit_is_named(organisation: None) -> None:
    client = admin_client()
    municipality = Municipality.objects.get(kolada_id="0126")
    committee = municipality.committees.get(code="KS")
    form = {
        "group": "uppsikt-eko",
        "municipality": municipality.pk,
        "role": "reporter",
        "committee": committee.pk,
        "unit": "",
    }
    refused = client.post("/admin/organisation/grouprole/add/", form)
    assert refused.status_code == 200
    assert "en rapportör rapporterar för en enhet; ange enheten" in refused.content.decode()
    assert not GroupRole.objects.exists()

    form["unit"] = committee.units.get(code="EKO").pk
    saved = client.post("/admin/organisation/grouprole/add/", form)
    assert saved.status_code == 302
    assert str(GroupRole.objects.get()) == "uppsikt-eko: rapportör, Ekonomiavdelningen"


def test_a_grant_from_groups_is_shown_but_not_changed_in_the_admin(organisation: None) -> None:
    group_role("ks-läsare", "reader", "KS")
    grant_by_groups(User.objects.create_user("cilla"), frozenset({"ks-läsare"}))
    grant = RoleGrant.objects.get(origin=GrantOrigin.GROUPS)
    client = admin_client()
    address = f"/admin/organisation/rolegrant/{grant.pk}/change/"
    page = client.get(address)
    assert page.status_code == 200
    assert "från grupper vid inloggning" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert client.post(address, {"role": "controller"}).status_code == 403
    assert RoleGrant.objects.get(pk=grant.pk).role == "reader"


# Signing in for real: a provider and Uppsikt on loopback.

CLIENT_ID = "uppsikt-test"
CLIENT_SECRET = "uppsikt-test-hemlighet-som-bara-testet-kanner"
PASSWORD = "leverantor-losenord-1"
BUTTON = "Exempelby-inloggning"
CALLBACK = "/konto/oidc/kommun/login/callback/"


@dataclass
class Server:
    """A site served by gunicorn in a subprocess, and the module that prepares and reads it."""

    url: str
    env: dict[str, str]
    control: str
    log: Path

    def run(self, *args: str) -> str:
        """Run the site's control module with the site's environment; what it printed."""
        result = subprocess.run(
            [sys.executable, "-m", self.control, *args],
            env=self.env,
            cwd=self.env["SITE_FOLDER"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def person(self, username: str) -> dict[str, object] | None:
        """The person's account at Uppsikt: name, e-mail and grants (None: no account)."""
        found: dict[str, object] | None = json.loads(self.run("person", username))
        return found


@dataclass
class Sites:
    """The provider and Uppsikt, running."""

    provider: Server
    uppsikt: Server


def free_port() -> int:
    """A port on loopback that no one listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(server: Server, application: str) -> subprocess.Popen[bytes]:
    """Start gunicorn for the server and wait until it answers."""
    port = urlsplit(server.url).port
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            "-",
            application,
        ],
        env=server.env,
        cwd=server.env["SITE_FOLDER"],
        stdout=server.log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(300):  # up to a minute for the workers to import Django
        if process.poll() is not None:
            break
        try:
            httpx.get(server.url + "/", trust_env=False, timeout=5)
            return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"{application} did not start:\n{server.log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started here."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def uppsikt_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of its own for the Uppsikt server: SQLite, or a new one on DATABASE_URL's PostgreSQL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path_factory.mktemp('uppsikt') / 'uppsikt.sqlite3'}"
        return
    parts = urlsplit(url)
    name = f"{parts.path.strip('/') or 'uppsikt'}_sso_{uuid4().hex[:8]}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory, uppsikt_database: str) -> Iterator[Sites]:
    """The provider with its people, and Uppsikt with a committee and its group roles, serving."""
    common = {
        name: value
        for name, value in os.environ.items()
        if name.lower() not in {"http_proxy", "https_proxy", "all_proxy", "django_settings_module"}
    }
    common |= {"PYTHONPATH": str(REPOSITORY), "NO_PROXY": "*", "no_proxy": "*"}
    provider_home = tmp_path_factory.mktemp("provider")
    uppsikt_home = tmp_path_factory.mktemp("uppsikt-site")
    provider_url = f"http://127.0.0.1:{free_port()}"
    uppsikt_url = f"http://127.0.0.1:{free_port()}"
    provider = Server(
        provider_url,
        common
        | {
            "SITE_FOLDER": str(provider_home),
            "OIDC_PROVIDER_HOME": str(provider_home),
            "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        },
        "tests.oidc_provider.control",
        provider_home / "server.log",
    )
    uppsikt = Server(
        uppsikt_url,
        common
        | {
            "SITE_FOLDER": str(uppsikt_home),
            "DJANGO_SETTINGS_MODULE": "uppsikt.web.settings",
            "DATABASE_URL": uppsikt_database,
            "UPPSIKT_SECRET_KEY": "uppsikt-single-sign-on-test-key-" + "x" * 32,
            "UPPSIKT_MEDIA_ROOT": str(uppsikt_home / "filer"),
            # Over plain http, as both run on loopback only; a real provider is https.
            "UPPSIKT_OIDC_SERVER_URL": f"{provider_url}/o",
            "UPPSIKT_OIDC_CLIENT_ID": CLIENT_ID,
            "UPPSIKT_OIDC_SECRET": CLIENT_SECRET,
            "UPPSIKT_OIDC_NAME": BUTTON,
            "UPPSIKT_OIDC_SCOPES": "openid profile email groups",
        },
        "tests.oidc_provider.uppsikt_side",
        uppsikt_home / "server.log",
    )
    provider.run(
        "prepare",
        f"--redirect-uri={uppsikt_url}{CALLBACK}",
        f"--client-id={CLIENT_ID}",
        f"--secret={CLIENT_SECRET}",
    )
    for username, name, groups in PEOPLE:
        staff = ["--staff"] if username == "david" else []
        provider.run(
            "person", username, PASSWORD, name, f"{username}@exempelby.se", *groups, *staff
        )
    uppsikt.run("prepare")
    running = [serve(provider, "tests.oidc_provider.wsgi:application")]
    try:
        running.append(serve(uppsikt, "uppsikt.web.wsgi:application"))
        yield Sites(provider, uppsikt)
    finally:
        for process in running:
            stop(process)


# The provider's people: username, name, groups. The group roles are in oidc_provider.uppsikt_side.
PEOPLE = [
    ("anna", "Anna Andersson", ["uppsikt-ks-controller", "uppsikt-eko", "alla-anstallda"]),
    ("cecilia", "Cecilia Berg", ["uppsikt-eko", "/kommun/hr"]),
    ("bertil", "Bertil Carlsson", ["uppsikt-eko"]),
    ("david", "David Dahl", ["uppsikt-eko"]),  # staff: the provider sends a malformed claim
    ("erik", "Erik Ek", ["uppsikt-eko"]),  # Uppsikt has a local account "erik" too
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self.href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.href = dict(attrs).get("href")

    def handle_data(self, data: str) -> None:
        if self.href is not None and data.strip():
            self.links[data.strip()] = self.href

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.href = None


def link(html: str, text: str) -> str:
    """The address of the page's link with this text."""
    parser = _Links()
    parser.feed(html)
    assert text in parser.links, f"no link '{text}' among {sorted(parser.links)}"
    return parser.links[text]


@dataclass
class SignIn:
    """One sign-in through the provider: what was asked, stored and shown."""

    authorize: dict[str, list[str]]  # the query of the provider's authorize address
    stored: dict[str, str]  # the provider's authorization code as stored, before its use
    landing: httpx.Response  # where the person ended up at Uppsikt
    browser: httpx.Client


def sign_in(
    sites: Sites, username: str, callback: Callable[[str], str] = lambda address: address
) -> SignIn:
    """Sign in at Uppsikt through the provider as a person with a browser would.

    `callback` may change the address the provider sends the person back to (a forger's).
    """
    browser = httpx.Client(trust_env=False, timeout=60, follow_redirects=True)
    start = browser.get(f"{sites.uppsikt.url}/")  # not signed in: to the sign-in page
    assert start.url.path == "/konto/logga-in/"
    # allauth asks before leaving the site: a page with a button, which posts.
    confirm = browser.get(start.url.join(link(start.text, BUTTON)))
    leaving = browser.post(confirm.url, data=form_fields(confirm.text), follow_redirects=False)
    assert leaving.status_code == 302
    authorize = leaving.headers["location"]
    assert authorize.startswith(f"{sites.provider.url}/o/authorize/")
    login = browser.get(authorize)
    assert login.url.path == "/accounts/login/"
    fields = form_fields(login.text) | {"username": username, "password": PASSWORD}
    consent = browser.post(login.url, data=fields)
    assert "Authorize" in consent.text, consent.text
    approved = browser.post(
        consent.url, data=form_fields(consent.text) | {"allow": "Authorize"}, follow_redirects=False
    )
    assert approved.status_code == 302
    back = approved.headers["location"]
    assert back.startswith(f"{sites.uppsikt.url}{CALLBACK}?")
    stored = json.loads(sites.provider.run("grant"))
    landing = browser.get(callback(back))
    return SignIn(parse_qs(urlsplit(authorize).query), stored, landing, browser)


def signed_in_as(attempt: SignIn) -> str | None:
    """Whom Uppsikt's start page greets, or None when it sends the browser to sign in."""
    home = attempt.browser.get(str(attempt.landing.url.copy_with(path="/", query=None)))
    if home.url.path != "/":
        return None
    marker = "Inloggad som "
    assert marker in home.text
    return home.text.split(marker, 1)[1].split("<", 1)[0]


@pytest.mark.slow
def test_a_person_signs_in_through_the_provider_with_pkce_and_their_groups_give_their_roles(
    sites: Sites,
) -> None:
    attempt = sign_in(sites, "anna")
    assert attempt.landing.status_code == 200
    assert attempt.landing.url.path == "/"
    assert "Inloggad som Anna Andersson" in attempt.landing.text
    assert signed_in_as(attempt) == "Anna Andersson"
    # The code was asked for with an S256 challenge, and the provider stored that challenge.
    assert attempt.authorize["code_challenge_method"] == ["S256"]
    assert set(attempt.authorize["scope"][0].split()) == {"openid", "profile", "email", "groups"}
    assert attempt.stored == {
        "code_challenge": attempt.authorize["code_challenge"][0],
        "code_challenge_method": "S256",
        "user": "anna",
    }
    assert sites.uppsikt.person("anna") == {
        "name": "Anna Andersson",
        "email": "anna@exempelby.se",
        "grants": [
            ["controller", "KS", "", "groups"],
            ["reporter", "KS", "EKO", "groups"],
        ],
    }


@pytest.mark.slow
def test_a_person_who_leaves_a_group_loses_its_role_at_the_next_sign_in(sites: Sites) -> None:
    first = sign_in(sites, "cecilia")
    assert signed_in_as(first) == "Cecilia Berg"
    sites.uppsikt.run("by-hand", "cecilia", "reader", "KS")
    assert sites.uppsikt.person("cecilia") == {
        "name": "Cecilia Berg",
        "email": "cecilia@exempelby.se",
        "grants": [
            ["reader", "KS", "", "manual"],
            ["reporter", "KS", "EKO", "groups"],
            ["reporter", "KS", "HR", "groups"],
        ],
    }
    sites.provider.run("groups", "cecilia", "/kommun/hr")  # IT takes her out of uppsikt-eko

    second = sign_in(sites, "cecilia")
    assert signed_in_as(second) == "Cecilia Berg"
    assert sites.uppsikt.person("cecilia") == {
        "name": "Cecilia Berg",
        "email": "cecilia@exempelby.se",
        "grants": [["reader", "KS", "", "manual"], ["reporter", "KS", "HR", "groups"]],
    }


def _replaced(name: str, value: str) -> Callable[[str], str]:
    """A forger's change to one parameter of the callback address."""

    def change(address: str) -> str:
        parts = urlsplit(address)
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        query[name] = value
        return urlunsplit(parts._replace(query=httpx.QueryParams(query).__str__()))

    return change


@pytest.mark.slow
@pytest.mark.parametrize(
    "forged",
    [_replaced("state", "uppdiktat-tillstand"), _replaced("code", "uppdiktad-kod")],
    ids=["tampered state", "wrong code"],
)
def test_a_tampered_state_or_a_wrong_code_is_refused_without_signing_in(
    sites: Sites, forged: Callable[[str], str]
) -> None:
    attempt = sign_in(sites, "bertil", callback=forged)
    assert "Fel vid tredjeparts-inloggning" in attempt.landing.text
    assert "Inloggad som" not in attempt.landing.text
    assert signed_in_as(attempt) is None
    assert sites.uppsikt.person("bertil") is None


@pytest.mark.slow
def test_a_groups_claim_that_is_no_list_is_refused_by_name_and_writes_nothing(
    sites: Sites,
) -> None:
    attempt = sign_in(sites, "david")
    assert attempt.landing.status_code == 403
    assert "Anspråket 'groups' ska vara en lista av gruppnamn, inte ett objekt." in (
        attempt.landing.text.replace("&#x27;", "'")
    )
    assert signed_in_as(attempt) is None
    assert sites.uppsikt.person("david") is None


@pytest.mark.slow
def test_a_local_account_with_the_same_username_and_address_is_not_taken_over(
    sites: Sites,
) -> None:
    sites.uppsikt.run("local", "erik", "erik@exempelby.se")
    attempt = sign_in(sites, "erik")
    assert signed_in_as(attempt) == "Erik Ek"
    people = json.loads(sites.uppsikt.run("people"))
    assert people["erik"] == {"name": "", "email": "erik@exempelby.se", "grants": []}
    (new,) = [username for username, person in people.items() if person["name"] == "Erik Ek"]
    assert new != "erik"
    assert people[new]["grants"] == [["reporter", "KS", "EKO", "groups"]]
