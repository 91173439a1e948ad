"""The Kolada client against recorded JSON served by `httpx.MockTransport`: no network, and a
clock that only moves when the client pauses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from uppsikt.importers.kolada.client import KoladaClient, KoladaError, batches

TESTDATA = Path(__file__).parent / "testdata"
FETCHED = datetime(2026, 11, 20, 9, 14, 3, tzinfo=UTC)


def recorded(name: str) -> str:
    return (TESTDATA / name).read_text(encoding="utf-8")


class Clock:
    """A clock that moves only when someone sleeps, recording each pause and request time."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.pauses: list[float] = []
        self.requests: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
        self.now += seconds


Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler, clock: Clock | None = None, **options: Any) -> KoladaClient:
    clock = clock or Clock()

    def timed(request: httpx.Request) -> httpx.Response:
        clock.requests.append(clock.now)
        return handler(request)

    return KoladaClient(
        transport=httpx.MockTransport(timed),
        clock=clock.time,
        sleep=clock.sleep,
        now=lambda: FETCHED,
        **options,
    )


def json_response(text: str, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, text=text, headers={"Content-Type": "application/json", **headers}
    )


def test_pages_are_followed_by_next_url_until_the_last() -> None:
    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        page = "2" if request.url.params.get("page") == "2" else "1"
        return json_response(recorded(f"v3-page-{page}.json"))

    with client(serve) as kolada:
        pages = kolada.data(["N00002", "N15428"], ["0126", "0000"], [2022, 2023])
    url = "https://api.kolada.se/v3/data/kpi/N00002,N15428/municipality/0126,0000/year/2022,2023"
    assert asked == [f"{url}?per_page=5000", f"{url}?per_page=3&page=2"]
    assert [len(page.body["values"]) for page in pages] == [3, 2]
    assert pages[1].text == recorded("v3-page-2.json")  # as served, byte for byte
    assert pages[0].fetched == FETCHED


def test_pages_are_followed_by_v2s_next_page_too() -> None:
    def serve(request: httpx.Request) -> httpx.Response:
        page = "2" if request.url.params.get("page") == "2" else "1"
        return json_response(recorded(f"v2-page-{page}.json"))

    with client(serve, per_page=1) as kolada:
        pages = kolada.data(["U00405"], ["0126"], [2023])
    assert [page.url for page in pages] == [
        "https://api.kolada.se/v3/data/kpi/U00405/municipality/0126/year/2023?per_page=1",
        "http://api.kolada.se/v2/data/kpi/U00405/municipality/0126/year/2023?page=2&per_page=1",
    ]


def test_org_unit_data_is_asked_for_by_ou() -> None:
    asked: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return json_response(recorded("ou-page.json"))

    with client(serve, base_url="http://kolada.test/v3/") as kolada:
        pages = kolada.ou_data(["N15033"], ["V15E012600101"], [2023])
    assert asked == ["/v3/oudata/kpi/N15033/ou/V15E012600101/year/2023"]
    assert pages[0].body["values"][0]["ou"] == "V15E012600101"


def test_many_kpis_are_split_into_requests_of_at_most_the_batch_size() -> None:
    asked: list[list[str]] = []

    def serve(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path.split("/")[4].split(","))
        return json_response('{"count": 0, "values": [], "next_url": null}')

    kpis = [f"N{number:05d}" for number in range(1, 61)]
    with client(serve) as kolada:
        pages = kolada.data(kpis, ["0126"], [2023])
    assert [len(batch) for batch in asked] == [25, 25, 10]
    assert [kpi for batch in asked for kpi in batch] == kpis
    assert len(pages) == 3


@pytest.mark.parametrize(
    ("ids", "size", "expected"),
    [
        (["a", "b", "c"], 2, [["a", "b"], ["c"]]),
        (["a", "b", "a"], 25, [["a", "b"]]),  # each id once
        ([], 25, []),
    ],
)
def test_ids_are_batched_in_order_each_once(
    ids: list[str], size: int, expected: list[list[str]]
) -> None:
    assert batches(ids, size) == expected


def test_requests_are_kept_the_minimum_interval_apart() -> None:
    clock = Clock()

    def serve(request: httpx.Request) -> httpx.Response:
        clock.now += 0.1  # each answer takes a tenth of a second
        return json_response('{"count": 0, "values": []}')

    with client(serve, clock, min_interval=0.5, batch_size=1) as kolada:
        kolada.data(["N1", "N2", "N3"], ["0126"], [2023])
    gaps = [
        later - earlier for earlier, later in zip(clock.requests, clock.requests[1:], strict=False)
    ]
    assert gaps == [pytest.approx(0.5), pytest.approx(0.5)]
    assert clock.pauses == [pytest.approx(0.4), pytest.approx(0.4)]


def test_a_429_waits_as_retry_after_asks_then_succeeds() -> None:
    clock = Clock()
    answers = [
        json_response("{}", 429, **{"Retry-After": "7"}),
        json_response(recorded("v3-page-2.json")),
    ]

    with client(lambda request: answers.pop(0), clock, min_interval=0) as kolada:
        pages = kolada.data(["N15428"], ["0126"], [2023])
    assert clock.pauses == [7.0]
    assert len(pages) == 1


def test_a_503_is_tried_again_with_a_growing_pause() -> None:
    clock = Clock()
    answers = [
        httpx.Response(503, text="Service Unavailable"),
        httpx.Response(502),
        json_response(recorded("v3-page-2.json")),
    ]
    with client(lambda request: answers.pop(0), clock, min_interval=0, backoff=2) as kolada:
        pages = kolada.data(["N15428"], ["0126"], [2023])
    assert clock.pauses == [2.0, 4.0]
    assert pages[0].body["count"] == 5


def test_a_timeout_is_tried_again() -> None:
    clock = Clock()
    calls = 0

    def serve(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise httpx.ReadTimeout("slow", request=request)
        return json_response(recorded("v3-page-2.json"))

    with client(serve, clock, min_interval=0, backoff=1) as kolada:
        kolada.data(["N15428"], ["0126"], [2023])
    assert (calls, clock.pauses) == (2, [1.0])


def test_a_server_that_keeps_failing_gives_a_clear_error_after_the_last_attempt() -> None:
    with (
        client(lambda request: httpx.Response(503), attempts=3, min_interval=0) as kolada,
        pytest.raises(KoladaError, match=r"year/2023\?per_page=5000: Kolada svarade 503 "),
    ):
        kolada.data(["N15428"], ["0126"], [2023])


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (httpx.Response(404, text="Not Found"), "Kolada svarade 404 Not Found: Not Found"),
        (httpx.Response(400, text="Bad request"), "Kolada svarade 400 Bad Request"),
        (json_response("<html>"), "svaret är inte JSON"),
        (json_response("[1, 2]"), "svaret är inget JSON-objekt"),
    ],
)
def test_other_answers_are_a_clear_error_naming_the_url_at_once(
    answer: httpx.Response, message: str
) -> None:
    calls: list[str] = []

    def serve(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return answer

    with client(serve) as kolada, pytest.raises(KoladaError, match=message) as raised:
        kolada.data(["N99999"], ["0126"], [2023])
    assert "https://api.kolada.se/v3/data/kpi/N99999/municipality/0126" in str(raised.value)
    assert len(calls) == 1  # not tried again


def test_a_page_pointing_back_to_itself_is_an_error_not_a_loop() -> None:
    def serve(request: httpx.Request) -> httpx.Response:
        return json_response(f'{{"count": 0, "values": [], "next_url": "{request.url}"}}')

    with client(serve) as kolada, pytest.raises(KoladaError, match="redan gett"):
        kolada.data(["N00002"], ["0126"], [2023])


def test_a_request_needs_kpis_areas_and_years() -> None:
    with client(lambda request: json_response("{}")) as kolada, pytest.raises(KoladaError):
        kolada.data([], ["0126"], [2023])
