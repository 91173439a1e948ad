"""Addresses no page can name: a NUL character anywhere in the path or the query.

PostgreSQL's text holds no NUL, so a lookup of one fails in the database (a 500) instead of
finding nothing; no code, key or name of Uppsikt holds one, so such an address is *not found*
before any view or query sees it. The API answers the same with its own JSON (`api.places`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]


def names_nothing(request: HttpRequest) -> bool:
    """Whether the request's path or query holds a NUL character."""
    if "\x00" in request.path:
        return True
    return any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.GET.lists()
    )


def refuse_nul(get_response: Handler) -> Handler:
    """Middleware answering *not found* to an address with a NUL, outside the API."""

    def middleware(request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith("/api/") and names_nothing(request):
            raise Http404("ingen adress innehåller tecknet NUL")
        return get_response(request)

    return middleware
