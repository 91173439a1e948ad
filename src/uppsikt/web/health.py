"""Health and readiness for load balancers and service managers: `/healthz` and `/readyz`.

Answered first in the middleware chain, before the host name is checked (a load balancer probes
by address), before sessions and without a signed-in user; they say nothing about the data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase, JsonResponse

from uppsikt.apps.migrated import missing_migrations

Handler = Callable[[HttpRequest], HttpResponseBase]
LIVE, READY = "/healthz", "/readyz"
logger = logging.getLogger(__name__)


def health(get_response: Handler) -> Handler:
    """Middleware answering `/healthz` (the process serves) and `/readyz` (it can do its work)."""
    migrated = False  # once every migration is applied, it stays so for this code

    def middleware(request: HttpRequest) -> HttpResponseBase:
        nonlocal migrated
        if request.path == LIVE:
            return _answer(200, "ok")
        if request.path != READY:
            return get_response(request)
        try:
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT 1")
            if not migrated:
                missing = missing_migrations()
                if missing:
                    reason = f"{len(missing)} migreringar är inte körda"
                    return _answer(503, "not ready", reason)
                migrated = True
        except DatabaseError:
            logger.exception("readiness: the database did not answer")
            return _answer(503, "not ready", "databasen svarar inte")
        return _answer(200, "ready")

    return middleware


def _answer(status: int, state: str, reason: str = "") -> JsonResponse:
    """A small JSON answer that no cache keeps."""
    body = {"status": state} | ({"reason": reason} if reason else {})
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response
