"""The load test's results as Markdown tables: requests and writes, with p50 / p95 / p99.

bench/load.py prints `tables` after a run; the records it reads are bench/load_checks.py's.
"""

from __future__ import annotations

import statistics
from collections import Counter

from load_checks import (
    CONFLICT_BASIS,
    FORECAST,
    HOT,
    LEFT_OPEN,
    READ,
    STATUS,
    Key,
    Plan,
    Recorded,
    Sample,
    Write,
)


def percentiles(values: list[float]) -> str:
    """p50 / p95 / p99 in milliseconds."""
    if len(values) < 2:
        return " / ".join([f"{values[0]:.0f}" if values else "–"] * 3)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return " / ".join(f"{cuts[p - 1]:.0f}" for p in (50, 95, 99))


def request_row(name: str, samples: list[Sample], seconds: float) -> str:
    """A line of the requests table."""
    failed = sum(1 for sample in samples if sample.status >= 500 or not sample.status)
    client = [sample.client_ms for sample in samples]
    server = [sample.server_ms for sample in samples if sample.server_ms is not None]
    return (
        f"| {name} | {len(samples)} | {failed} | {percentiles(client)} | {percentiles(server)}"
        f" | {len(samples) / seconds:.1f}/s |"
    )


def write_row(name: str, writes: list[Write]) -> str:
    """A line of the writes table."""
    answers = Counter(write.status for write in writes)
    on_purpose = sum(1 for w in writes if w.basis == LEFT_OPEN and w.status == 409)
    again = [w for w in writes if w.basis == CONFLICT_BASIS]
    accepted_again = sum(1 for w in again if w.status == 200)
    return (
        f"| {name} | {len(writes)} | {answers[200]} | {answers[409]} | {on_purpose}"
        f" | {len(again)} ({accepted_again} accepted) | {len({w.key for w in writes})} |"
    )


def tables(recorded: Recorded, plan: Plan) -> str:
    """The requests by kind and page type, and the writes by kind and item, as Markdown."""
    samples, seconds = recorded.samples, recorded.seconds
    lines = [
        (
            "| requests | count | 5xx | client p50 / p95 / p99 ms | server p50 / p95 / p99 ms"
            " | throughput |"
        ),
        "|---|---:|---:|---:|---:|---:|",
        request_row("all", samples, seconds),
    ]
    for kind in (READ, STATUS, FORECAST):
        lines.append(request_row(kind, [s for s in samples if s.kind == kind], seconds))
    for page in sorted({s.page for s in samples if s.kind == READ}):
        lines.append(request_row(f"· {page}", [s for s in samples if s.page == page], seconds))
    lines += [
        "",
        (
            "| writes | sent | accepted (200) | refused (409) | of them left open on purpose"
            " | sent again after a 409 | items |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|",
        write_row("all", recorded.writes),
    ]
    hot: set[Key] = {(STATUS, code) for code in plan.assignments[:HOT]}
    hot |= {(FORECAST, *place) for place in plan.forecasts[:HOT]}
    for kind in (STATUS, FORECAST):
        writes = [w for w in recorded.writes if w.key[0] == kind]
        lines.append(write_row(kind, writes))
        lines.append(write_row(f"· the {HOT} everyone writes", [w for w in writes if w.key in hot]))
        lines.append(write_row("· the others", [w for w in writes if w.key not in hot]))
    return "\n".join(lines)
