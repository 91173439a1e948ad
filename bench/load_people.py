"""The load test's people: who they are, and what they do while bench/load.py measures.

`plan_of` reads what there is to read and write on the example committee, `create_people` makes
the people (roles, one API token each), and `run` sets them to work against a server, each in a
thread of their own: a `Simulated` person signs in through the login form, then reads pages and
the API and writes through the API with `If-Match`, recording every request and every write.
"""

from __future__ import annotations

import os
import random
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from load_checks import (
    CONFLICT_BASIS,
    FORECAST,
    HOT,
    LEFT_OPEN,
    READ,
    READ_BASIS,
    STATUS,
    Key,
    Plan,
    Recorded,
    Sample,
    Value,
    Write,
)

if TYPE_CHECKING:
    from uppsikt.apps.organisation.models import OrgUnit

KOLADA_ID, COMMITTEE, YEAR, PERIOD = "0126", "KS", 2023, "T1"
WEB = f"/kommun/{KOLADA_ID}/{COMMITTEE}/{YEAR}-{PERIOD}/"
API = f"/api/committees/{KOLADA_ID}/{COMMITTEE}/periods/{YEAR}-{PERIOD}"
LOGIN = "/konto/logga-in/"
PASSWORD = "lastprov-" + secrets.token_urlsafe(12)  # every generated person's, for this run
TIMING = re.compile(r"(?:^|,\s*)app;dur=([\d.]+)")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Person:
    """A generated person: username, role, the kinds of write it makes, and its API token."""

    username: str
    role: str
    writes: tuple[str, ...]
    token: str


# Preparing the database. Uppsikt's models are imported in the functions that use them (PLC0415
# below): the script chooses its database before Django is set up, and the test imports this
# module into its own set-up Django.


def plan_of() -> Plan:
    """The example committee's pages and writable items, read from the database."""
    from uppsikt.apps.assignments.models import Assignment  # noqa: PLC0415
    from uppsikt.apps.economy import services  # noqa: PLC0415
    from uppsikt.apps.economy.mapping import table_to_domain  # noqa: PLC0415
    from uppsikt.apps.economy.models import FinancialTable  # noqa: PLC0415
    from uppsikt.apps.goals.models import CommitteeGoal  # noqa: PLC0415
    from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod  # noqa: PLC0415

    year = CommitteeYear.objects.select_related("assignment_statuses").get(
        committee__municipality__kolada_id=KOLADA_ID, committee__code=COMMITTEE, year__year=YEAR
    )
    period = ReportingPeriod.objects.get(year=year.year, kind=PERIOD)
    assignments = tuple(
        Assignment.objects.filter(committee_year=year)
        .order_by("code")
        .values_list("code", flat=True)
    )
    goals = CommitteeGoal.objects.filter(committee_year=year).values_list("code", flat=True)
    tables = list(FinancialTable.objects.filter(committee_year=year).order_by("position", "pk"))
    forecasts = tuple(
        (table.key, row, column) for table in tables for row, column in services.entry_places(table)
    )
    pages = {
        "overview": (WEB,),
        "goal page": tuple(f"{WEB}mal/{code}/" for code in goals),
        "economy table": tuple(f"{WEB}ekonomi/{table.key}/" for table in tables),
        "assignment page": tuple(f"{WEB}uppdrag/{code}/" for code in assignments),
        "Mina uppgifter": ("/mina-uppgifter/",),
        "API period": (API,),
        "API assignments": (f"{API}/assignments",),
        "API economy table": tuple(f"{API}/economy/{table.key}" for table in tables),
    }
    return Plan(
        pages=pages,
        statuses=tuple(year.assignment_statuses.statuses.values_list("code", flat=True)),
        assignments=assignments,
        forecasts=forecasts,
        kronor={t.key: str(table_to_domain(t).kronor_of(Decimal(1))) for t in tables},
        committee_year=year.pk,
        period=period.pk,
    )


def roles_for(count: int) -> list[str]:
    """`count` roles: a fifth controllers, three tenths readers, the rest reporters."""
    controllers = max(1, count // 5)
    readers = max(1, count * 3 // 10) if count > 2 else 0
    return (
        ["controller"] * controllers
        + ["reader"] * readers
        + ["reporter"] * (count - controllers - readers)
    )


def create_people(count: int) -> list[Person]:
    """`count` people with roles on the example committee, each with an API token."""
    from uppsikt.apps.api.tokens import create_token  # noqa: PLC0415
    from uppsikt.apps.organisation.models import Committee, RoleGrant  # noqa: PLC0415

    committee = Committee.objects.get(municipality__kolada_id=KOLADA_ID, code=COMMITTEE)
    top = committee.units.filter(parent=None).order_by("position", "pk").first()
    below = list(committee.units.exclude(parent=None).order_by("position", "pk"))
    # Hashed once, as production hashes (Argon2; the tests' own fast hasher is not the server's).
    hashed = make_password(PASSWORD, hasher="argon2")
    people = []
    reporters = 0
    for number, role in enumerate(roles_for(count), start=1):
        user = get_user_model().objects.create(username=f"last{number:03d}-{role}", password=hashed)
        unit: OrgUnit | None = None
        writes: tuple[str, ...] = ()
        if role == "controller":
            writes = (STATUS, FORECAST)
        elif role == "reporter":
            reporters += 1
            on_top = reporters % 5 != 0 or not below
            unit = top if on_top else below[reporters // 5 % len(below)]
            writes = (STATUS,) if on_top else ()
        RoleGrant.objects.create(
            user=user,
            municipality=committee.municipality,
            role=role,
            committee=committee,
            unit=unit,
        )
        made = create_token(user, "lastprov", now=timezone.now())
        people.append(Person(user.username, role, writes, made.secret))
    return people


# The people


class Simulated:
    """One person at work: a browser's client, an API client, and what it did."""

    def __init__(self, base_url: str, person: Person, plan: Plan, number: int, seed: int) -> None:
        """A person with their own random choices (`seed`) and numbered writes."""
        self.person, self.plan, self.number = person, plan, number
        self.random = random.Random(seed)
        # As the reverse proxy would say (a production installation trusts one): each person
        # from an address of their own, so that the sign-in limit per address (30 a minute)
        # counts each person's sign-ins, not everyone's.
        forwarded = {"X-Forwarded-For": f"10.1.{number // 250}.{number % 250 + 1}"}
        self.browser = httpx.Client(base_url=base_url, timeout=300, headers=forwarded)
        self.api = httpx.Client(
            base_url=base_url,
            timeout=300,
            headers={**forwarded, "Authorization": f"Bearer {person.token}"},
        )
        self.samples: list[Sample] = []
        self.writes: list[Write] = []
        self.written = 0

    def close(self) -> None:
        """Close both clients."""
        self.browser.close()
        self.api.close()

    def sign_in(self) -> bool:
        """Sign in through the login form, with the CSRF token it carries."""
        try:
            form = self.browser.get(LOGIN)
            token = CSRF.search(form.text)
            if form.status_code != 200 or token is None:
                return False
            answer = self.browser.post(
                LOGIN,
                data={
                    "login": self.person.username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": token.group(1),
                },
            )
        except httpx.HTTPError:
            return False
        return answer.status_code == 302 and LOGIN not in answer.headers.get("Location", LOGIN)

    def request(
        self, kind: str, page: str, method: str, path: str, **options: Any
    ) -> httpx.Response | None:
        """One request, recorded; None when there was no answer."""
        client = self.api if path.startswith("/api/") else self.browser
        start = time.perf_counter()
        try:
            response = client.request(method, path, **options)
        except httpx.HTTPError:
            self.samples.append(Sample(kind, page, 0, (time.perf_counter() - start) * 1000, None))
            return None
        elapsed = (time.perf_counter() - start) * 1000
        found = TIMING.search(response.headers.get("Server-Timing", ""))
        server = float(found.group(1)) if found else None
        self.samples.append(Sample(kind, page, response.status_code, elapsed, server))
        return response

    def work(self, until: float, think: float, stale_share: float) -> None:
        """Act until `until`: a writer writes first, then reads and writes at random."""
        first = True
        while time.perf_counter() < until:
            if first and self.person.writes:
                self.write(self.person.writes[-1], stale_share, think)
            elif self.person.writes and self.random.random() < 0.4:
                self.write(self.random.choice(self.person.writes), stale_share, think)
            else:
                page = self.random.choice(sorted(self.plan.pages))
                self.request(READ, page, "GET", self.random.choice(self.plan.pages[page]))
            first = False
            time.sleep(self.random.uniform(0, 2 * think))

    def item(self, kind: str) -> tuple[Key, str]:
        """An item to write, one of the hot ones half of the time: its key and address."""
        items: list[Key] = (
            [(STATUS, code) for code in self.plan.assignments]
            if kind == STATUS
            else [(FORECAST, *place) for place in self.plan.forecasts]
        )
        key = self.random.choice(items[:HOT] if self.random.random() < 0.5 else items[HOT:])
        if kind == STATUS:
            return key, f"{API}/assignments/{key[1]}/follow-up"
        return key, f"{API}/economy/{key[1]}/forecasts/{key[2]}/{key[3]}"

    def value(self, kind: str) -> Value:
        """A value no one else writes, so that every write changes its item."""
        self.written += 1
        if kind == STATUS:
            comment = f"Lastprov: {self.person.username} skrev ändring {self.written}."
            return (self.random.choice(self.plan.statuses), comment)
        return (str(-(1000 + self.number * 100_000 + self.written)),)

    def write(self, kind: str, stale_share: float, think: float) -> None:
        """Read an item, pause as someone typing, and write it based on the version read."""
        key, path = self.item(kind)
        answer = self.request(READ, f"API {kind}, read before a write", "GET", path)
        if answer is None or answer.status_code != 200:
            return
        time.sleep(self.random.uniform(0, think))
        based_on = int(answer.json()["version"])
        outcome = self.put(kind, key, path, based_on, READ_BASIS)
        if outcome is None:
            return
        status, version = outcome
        if status == 200 and self.random.random() < stale_share:
            self.put(kind, key, path, based_on, LEFT_OPEN)
        elif status == 409 and version is not None and self.random.random() < 0.5:
            self.put(kind, key, path, version, CONFLICT_BASIS)

    def put(
        self, kind: str, key: Key, path: str, based_on: int, basis: str
    ) -> tuple[int, int | None] | None:
        """PUT a new value based on `based_on`: the answer's status and version, if answered."""
        value = self.value(kind)
        body: dict[str, object] = (
            {"status": value[0], "comment": value[1]} if kind == STATUS else {"value": value[0]}
        )
        sent = time.perf_counter()
        answer = self.request(kind, kind, "PUT", path, json=body, headers=etag(based_on))
        answered = time.perf_counter()
        if answer is None:
            return None
        version = version_in(answer)
        self.writes.append(
            Write(key, based_on, value, sent, answered, answer.status_code, version, basis)
        )
        return answer.status_code, version


def etag(version: int) -> dict[str, str]:
    """The If-Match header of a write based on `version`."""
    return {"If-Match": f'"{version}"'}


def version_in(answer: httpx.Response) -> int | None:
    """The version a write's answer gives: what it made (200), or the current one (409)."""
    try:
        body = answer.json()
    except ValueError:
        return None
    found = body.get("current", body) if isinstance(body, dict) else None
    version = found.get("version") if isinstance(found, dict) else None
    return version if isinstance(version, int) else None


def cpu_seconds(pid: int) -> float | None:
    """The processor time a process and its children (the workers) have used, from Linux's
    /proc; None where it cannot be read."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        total = 0.0
        for process in [str(pid), *children]:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None
    return total  # utime + stime


def run(
    base_url: str,
    people: list[Person],
    plan: Plan,
    *,
    seconds: float,
    think: float,
    stale_share: float,
    seed: int = 7,
    server: int | None = None,
) -> Recorded:
    """Every person signs in, then works for `seconds`, each in a thread of their own.

    `server`: the server's process, whose processor time is counted while people work.
    """
    simulated = [
        Simulated(base_url, person, plan, number, seed * 1000 + number)
        for number, person in enumerate(people, start=1)
    ]
    try:
        with ThreadPoolExecutor(len(simulated)) as pool:
            signed_in = sum(pool.map(Simulated.sign_in, simulated))
            cpu_before = cpu_seconds(server) if server else None
            start = time.perf_counter()
            until = start + seconds
            list(pool.map(lambda person: person.work(until, think, stale_share), simulated))
            elapsed = time.perf_counter() - start
            cpu_after = cpu_seconds(server) if server else None
    finally:
        for person in simulated:
            person.close()
    return Recorded(
        samples=[sample for person in simulated for sample in person.samples],
        writes=sorted((w for person in simulated for w in person.writes), key=lambda w: w.sent),
        seconds=elapsed,
        signed_in=signed_in,
        server_cpu=None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
    )
