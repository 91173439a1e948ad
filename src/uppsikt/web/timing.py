"""The `Server-Timing` header: how long Uppsikt worked on a response, for devtools and benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]


def server_timing(get_response: Handler) -> Handler:
    """Middleware adding `Server-Timing: app;dur=<ms>` (the standard header) to every response.

    Listed first in MIDDLEWARE, it counts everything Django does for the request: the other
    middleware, the view, its queries and the template; not the web server, nor the sending of
    a streamed body.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        start = time.perf_counter()
        response = get_response(request)
        entry = f"app;dur={(time.perf_counter() - start) * 1000:.1f}"
        earlier = response.get("Server-Timing")
        response["Server-Timing"] = f"{earlier}, {entry}" if earlier else entry
        return response

    return middleware
