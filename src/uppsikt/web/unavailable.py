"""When the database does not answer: a 503 page in Swedish (JSON under `/api/`), not a 500.

PostgreSQL refusing or dropping the connection, too many connections, or SQLite's write lock
held by another process beyond the timeout all raise Django's `OperationalError` or
`InterfaceError`, in a view or in a middleware; `server_error` is the site's `handler500`, which
Django calls for both. The answer says so in Swedish, asks the person to try again (`Retry-After`),
shows no stack trace and nothing of the configuration, and the error goes to the log. The page
is rendered without the request, so that no context processor (the signed-in user, the
messages) goes to the database again. Django opens a connection for each request as needed and
`CONN_HEALTH_CHECKS` (see `settings.database_settings`) drops one that died while idle, so the
first request after the database is back is answered as usual.
"""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds: a restarted database server or a finished import, usually
MESSAGE = "Uppsikt når inte databasen just nu. Försök igen om en stund."
DATABASE_ERRORS = (OperationalError, InterfaceError)


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON for the API, else the standalone page."""
    response: HttpResponse
    if request.path.startswith("/api/"):
        body = {"detail": MESSAGE, "errors": []}  # the API's error shape (docs/api.md)
        response = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        page = render_to_string("503.html", {"message": MESSAGE, "retry_after": RETRY_AFTER})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's `handler500`: a database error answered by `unavailable`, any other as before.

    Django calls it for every exception nothing else answered, in a view or in a middleware
    (the session's expiry reads the session before any view), while the exception is being
    handled, so `sys.exc_info()` names it. With `UPPSIKT_DEBUG` Django shows its debug page
    instead.
    """
    error = sys.exc_info()[1]
    if not isinstance(error, DATABASE_ERRORS):
        return defaults.server_error(request)
    logger.error(
        "Databasen svarar inte (%s %s): %s", request.method, request.path, error, exc_info=error
    )
    return unavailable(request)
