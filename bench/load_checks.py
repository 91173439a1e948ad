"""The load test's records and its checks (bench/load.py runs the people; this module judges).

What a run records (every request as a `Sample`, every PUT as a `Write`, together a `Recorded`),
the `Plan` of what people read and write, each item's value and version as the database holds
them before and after (`database_state`), and the checks over them: no 5xx, every write
answered 200 or 409, every write known to be stale when sent answered 409, and no lost update
(`failures`, `item_failures`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

READ, STATUS, FORECAST = "read", "status update", "forecast edit"
HOT = 2  # the first two assignments and forecasts are the ones everyone writes

# Where a write's version came from: the GET just before it, the 409 of the person's write just
# refused (replacing the other change knowingly), or the GET before the person's own accepted
# write, which that write has replaced (a page left open: stale on purpose).
READ_BASIS, CONFLICT_BASIS, LEFT_OPEN = "read", "after 409", "left open"

Key = tuple[str, ...]  # (STATUS, assignment) or (FORECAST, table, row, column)
Value = tuple[str, ...]  # (status code or "", comment) or (forecast,)
State = tuple[Value, int]  # an item's value and version


@dataclass(frozen=True)
class Plan:
    """What people read and write: pages by type, and the items, the hot ones first."""

    pages: dict[str, tuple[str, ...]]
    statuses: tuple[str, ...]
    assignments: tuple[str, ...]
    forecasts: tuple[tuple[str, str, str], ...]
    kronor: dict[str, str]  # table -> kronor per figure as shown (unit and sign)
    committee_year: int
    period: int


@dataclass(frozen=True)
class Sample:
    """One request: its kind and page type, status, and the client's and server's ms."""

    kind: str
    page: str
    status: int  # 0: no answer
    client_ms: float
    server_ms: float | None


@dataclass(frozen=True)
class Write:
    """One PUT: the item, the version it was based on, what it wrote, when, and the answer.

    `version` is the version the write made (200) or the one the 409 said is current.
    """

    key: Key
    based_on: int
    value: Value
    sent: float
    answered: float
    status: int
    version: int | None
    basis: str  # READ_BASIS, CONFLICT_BASIS or LEFT_OPEN: where `based_on` came from


@dataclass
class Recorded:
    """What the people did: every request, every write, and how long they ran."""

    samples: list[Sample]
    writes: list[Write]
    seconds: float
    signed_in: int
    server_cpu: float | None  # the server's processor seconds meanwhile (after the sign-ins)


# The database's state. Uppsikt's models are imported in the function that uses them (PLC0415
# below): the script chooses its database before Django is set up, and the test imports this
# module into its own set-up Django.


def database_state(plan: Plan) -> dict[Key, State]:
    """Every writable item's value and version as the database holds them (version 0: none).

    Forecasts are given in kronor, as kept; `as_kept` turns a written figure into the same.
    """
    from uppsikt.apps.assignments.models import AssignmentFollowUp  # noqa: PLC0415
    from uppsikt.apps.economy.models import TableCell  # noqa: PLC0415

    state: dict[Key, State] = {(STATUS, code): (("", ""), 0) for code in plan.assignments}
    state |= {(FORECAST, *place): (("",), 0) for place in plan.forecasts}
    follow_ups = AssignmentFollowUp.objects.filter(
        assignment__committee_year_id=plan.committee_year, period_id=plan.period
    ).select_related("assignment", "status")
    for follow_up in follow_ups:
        status = follow_up.status.code if follow_up.status else ""
        state[(STATUS, follow_up.assignment.code)] = (
            (status, follow_up.comment),
            follow_up.version,
        )
    cells = TableCell.objects.filter(
        table__committee_year_id=plan.committee_year, period_id=plan.period
    ).select_related("table", "row", "column")
    for cell in cells:
        key = (FORECAST, cell.table.key, cell.row.key, cell.column.key)
        if key in state:
            number = "" if cell.number is None else str(cell.number.normalize())
            state[key] = ((number,), cell.version)
    return state


def as_kept(plan: Plan, key: Key, value: Value) -> Value:
    """A written value as the database keeps it: a forecast in kronor, in Uppsikt's sign."""
    if key[0] != FORECAST or not value[0]:
        return value
    return (str((Decimal(value[0]) * Decimal(plan.kronor[key[1]])).normalize()),)


# The checks


def failures(
    recorded: Recorded, people: int, plan: Plan, before: dict[Key, State], after: dict[Key, State]
) -> list[str]:
    """Every check the run failed, said in a line each; none when it passed."""
    found = []
    if recorded.signed_in != people:
        found.append(f"{people - recorded.signed_in} of {people} could not sign in")
    failed = Counter(
        (s.page, s.status) for s in recorded.samples if s.status >= 500 or not s.status
    )
    if failed:
        found.append(f"5xx or no answer, (page, status): count: {dict(failed)}")
    reads = [s for s in recorded.samples if s.kind == READ and 0 < s.status < 500]
    unread = Counter((s.page, s.status) for s in reads if s.status != 200)
    if unread:
        found.append(f"reads answered other than 200, (page, status): count: {dict(unread)}")
    others = Counter(w.status for w in recorded.writes if w.status not in (200, 409))
    if others:
        found.append(f"writes answered neither 200 nor 409, status: count: {dict(others)}")
    by_item: dict[Key, list[Write]] = defaultdict(list)
    for write in recorded.writes:
        by_item[write.key].append(write)
    for key, writes in sorted(by_item.items()):
        kept = [replace(w, value=as_kept(plan, key, w.value)) for w in writes]
        found.extend(item_failures(key, kept, before[key], after[key]))
    return found


def item_failures(key: Key, writes: list[Write], before: State, after: State) -> list[str]:
    """One item's checks: stale writes refused with 409, and no accepted write lost.

    `writes` are the item's, in the order sent, with their values as the database keeps them.
    """
    name = "/".join(key[1:])
    found = []
    accepted = [w for w in writes if w.status == 200]
    for write in writes:
        stale = any(
            a.version is not None and a.version > write.based_on and a.answered < write.sent
            for a in accepted
        )
        if stale and write.status != 409:
            found.append(
                f"{name}: a write based on version {write.based_on}, which an accepted write "
                f"had replaced before it was sent, was answered {write.status}, not 409"
            )
        if write.status == 409 and write.version in (None, write.based_on):
            found.append(f"{name}: a 409 to a write based on {write.based_on} gave {write.version}")
    made = [w.version for w in accepted]
    if len(set(made)) != len(made) or any(w.version != w.based_on + 1 for w in accepted):
        found.append(
            f"{name}: lost update: accepted writes did not each make the next version "
            f"(based on → made: {[(w.based_on, w.version) for w in accepted]})"
        )
    if after[1] != before[1] + len(accepted):
        found.append(
            f"{name}: version {before[1]} became {after[1]} after {len(accepted)} accepted writes"
        )
    if accepted:
        last = max(accepted, key=lambda w: w.version or 0)
        if (last.value, last.version) != after:
            found.append(
                f"{name}: lost update: the database holds {after}, "
                f"the last accepted write made {(last.value, last.version)}"
            )
    elif after != before:
        found.append(f"{name}: changed from {before} to {after} with no accepted write")
    return found
