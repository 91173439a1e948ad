"""A thin client for Kolada's API v3: KPI values by municipality or org unit and year.

Many ids go in one request (comma lists, at most `batch_size` per list); each answer is followed
page by page through `next_url` (v3) or `next_page` (v2) until there is none. Requests are at
least `min_interval` seconds apart; a timeout, a 429 (after its `Retry-After`) or a 5xx is tried
again with a growing pause, and any other failure is a `KoladaError` naming the URL. Pages come
back as served, with the time each was fetched, so that they can be saved and read later
without the network. The clock, the pause and the transport are parameters, so tests run with
recorded JSON and no real waiting.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from itertools import product
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin

import httpx

DEFAULT_BASE_URL = "https://api.kolada.se/v3"
BATCH_SIZE = 25  # ids per comma list; Kolada refuses long lists and long URLs
PER_PAGE = 5000  # the most Kolada gives on one page
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})


class KoladaError(Exception):
    """Kolada could not be asked, or answered with something other than a page of JSON."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of an answer, as served, with where and when it was fetched."""

    url: str
    text: str  # the JSON as Kolada sent it
    fetched: datetime

    @property
    def body(self) -> dict[str, Any]:
        """The page's JSON object."""
        data: dict[str, Any] = json.loads(self.text)
        return data

    @property
    def next_url(self) -> str | None:
        """The next page's URL (`next_url` in v3, `next_page` in v2), None on the last page."""
        body = self.body
        found = body.get("next_url") or body.get("next_page")
        return found if isinstance(found, str) and found else None


def batches(ids: Iterable[str], size: int) -> list[list[str]]:
    """The ids in lists of at most `size`, in order, each id once."""
    unique = list(dict.fromkeys(ids))
    return [unique[start : start + size] for start in range(0, len(unique), size)]


class KoladaClient:
    """Asks Kolada's API for KPI values; see the module's docstring."""

    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
        min_interval: float = 0.5,
        attempts: int = 5,
        backoff: float = 1.0,
        max_wait: float = 120.0,
        batch_size: int = BATCH_SIZE,
        per_page: int = PER_PAGE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = lambda: datetime.now().astimezone(),
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.min_interval = min_interval
        self.attempts = attempts
        self.backoff = backoff
        self.max_wait = max_wait
        self.batch_size = batch_size
        self.per_page = per_page
        self.clock, self.sleep, self.now = clock, sleep, now
        self._last: float | None = None  # when the last request was sent, by `clock`
        self._http = httpx.Client(
            transport=transport,
            timeout=timeout,
            headers={"Accept": "application/json", "User-Agent": "uppsikt"},
            follow_redirects=True,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def data(
        self, kpis: Sequence[str], municipalities: Sequence[str], years: Sequence[int]
    ) -> list[Page]:
        """Every page of the KPIs' values for the municipalities (Kolada ids) and years."""
        return list(self._pages("data", "municipality", kpis, municipalities, years))

    def ou_data(
        self, kpis: Sequence[str], units: Sequence[str], years: Sequence[int]
    ) -> list[Page]:
        """Every page of the KPIs' values for the organisational units (Kolada OU ids)."""
        return list(self._pages("oudata", "ou", kpis, units, years))

    def _pages(
        self,
        route: str,
        area: str,
        kpis: Sequence[str],
        areas: Sequence[str],
        years: Sequence[int],
    ) -> Iterator[Page]:
        if not kpis or not areas or not years:
            raise KoladaError("ange minst ett nyckeltal, ett område och ett år")
        year_texts = [str(year) for year in years]
        for kpi_list, area_list, year_list in product(
            batches(kpis, self.batch_size),
            batches(areas, self.batch_size),
            batches(year_texts, self.batch_size),
        ):
            url = (
                f"{self.base_url}/{route}/kpi/{','.join(kpi_list)}/{area}/{','.join(area_list)}"
                f"/year/{','.join(year_list)}?per_page={self.per_page}"
            )
            yield from self.follow(url)

    def follow(self, url: str) -> Iterator[Page]:
        """The page at `url` and every page after it."""
        seen: set[str] = set()
        next_url: str | None = url
        while next_url is not None:
            if next_url in seen:
                raise KoladaError(
                    f"{next_url}: Kolada hänvisar tillbaka till en sida den redan gett"
                )
            seen.add(next_url)
            page = self.get(next_url)
            yield page
            following = page.next_url
            next_url = urljoin(page.url, following) if following else None

    def get(self, url: str) -> Page:
        """One page, throttled and retried; KoladaError when it cannot be had."""
        for attempt in range(1, self.attempts + 1):
            self._throttle()
            try:
                response = self._http.get(url)
            except httpx.TimeoutException:
                if attempt == self.attempts:
                    raise KoladaError(
                        f"{url}: Kolada svarade inte i tid, {attempt} försök"
                    ) from None
                self._pause(self._backoff(attempt))
                continue
            except httpx.HTTPError as error:
                raise KoladaError(f"{url}: kunde inte nå Kolada: {error}") from None
            if response.status_code in RETRIED_STATUSES and attempt < self.attempts:
                self._pause(self._retry_after(response) or self._backoff(attempt))
                continue
            return self._page(url, response, attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _page(self, url: str, response: httpx.Response, attempt: int) -> Page:
        if response.status_code != 200:
            tried = f" efter {attempt} försök" if attempt > 1 else ""
            raise KoladaError(
                f"{url}: Kolada svarade {response.status_code} {response.reason_phrase}{tried}"
                f"{_excerpt(response.text)}"
            )
        try:
            body = json.loads(response.text)
        except ValueError as error:
            raise KoladaError(f"{url}: svaret är inte JSON ({error})") from None
        if not isinstance(body, dict):
            raise KoladaError(f"{url}: svaret är inget JSON-objekt")
        return Page(str(response.url), response.text, self.now())

    def _throttle(self) -> None:
        if self._last is not None:
            wait = self._last + self.min_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last = self.clock()

    def _pause(self, seconds: float) -> None:
        self.sleep(min(seconds, self.max_wait))

    def _backoff(self, attempt: int) -> float:
        return float(self.backoff * 2 ** (attempt - 1))

    def _retry_after(self, response: httpx.Response) -> float | None:
        """The wait `Retry-After` asks for: seconds, or an HTTP date."""
        header = response.headers.get("Retry-After", "").strip()
        if not header:
            return None
        if header.isdigit():
            return float(header)
        try:
            when = parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - self.now()).total_seconds())


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""
