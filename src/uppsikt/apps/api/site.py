"""The API: its routers, its token authentication, its errors as JSON, and its docs page.

Mounted at `/api/` (`uppsikt.web.urls`); the schema is `/api/openapi.json` (OpenAPI 3.1) and
the docs page `/api/docs`, served with Swagger UI's files from the installation (no request
leaves the machine).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from uppsikt.apps.api.auth import TokenAuth
from uppsikt.apps.api.errors import ApiError, FieldError, sentence
from uppsikt.apps.api.routes import bulk, committees, economy, followups, goals
from uppsikt.apps.periods.queries import PeriodClosedError

DESCRIPTION = """Uppsikts API: nämndernas mål, indikatorer, uppdrag, intern kontroll, ekonomi,
kontroller och rapport, med samma behörigheter som webben. Se docs/api.md.

Varje anrop bär en personlig nyckel: `Authorization: Bearer <nyckel>` (skapas på
/konto/nycklar/ eller med `uppsikt token create`)."""


class Renderer(JSONRenderer):
    """JSON as Swedish is written: å, ä and ö as themselves, not as escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012  # ninja's own attribute


api = NinjaAPI(
    title="Uppsikt",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    urls_namespace="api",
    renderer=Renderer(),
    # The validator badge would fetch from validator.swagger.io: nothing may leave the machine.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": False}),
)
for module in (committees, goals, bulk, followups, economy):
    api.add_router("", module.router)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, error: ApiError) -> HttpResponse:
    return api.create_response(request, error.body(), status=error.status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    message = str(error)
    if message == "Unauthorized":  # no bearer token at all
        message = "Ange en nyckel: Authorization: Bearer <nyckel>"
    response = api.create_response(request, {"detail": message, "errors": []}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="uppsikt"'
    return response


def _field(loc: Sequence[object]) -> str:
    """Where a fault is: `body.comment`, `query.source`, `path.year`.

    Ninja's own name for a schema parameter (`body.body.comment`) says nothing to a client.
    """
    parts = [str(part) for part in loc]
    if len(parts) > 2 and parts[0] in {"body", "query"}:
        del parts[1]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
    errors = [
        FieldError(field=_field(item.get("loc", ())), message=str(item.get("msg", ""))).model_dump()
        for item in error.errors
    ]
    body = {"detail": "Begäran följer inte schemat", "errors": errors}
    return api.create_response(request, body, status=422)


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    """A service's refusal of what the person may not do."""
    return _api_error(request, ApiError(403, sentence(str(error))))


@api.exception_handler(PeriodClosedError)
def _closed(request: HttpRequest, error: PeriodClosedError) -> HttpResponse:
    """A write to a period that no longer accepts changes."""
    return _api_error(request, ApiError(403, sentence(str(error)), "period"))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = {
        "detail": f"Högst {limit} byte i en begäran",
        "errors": [FieldError(field="body", message=f"mer än {limit} byte").model_dump()],
    }
    return api.create_response(request, body, status=413)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Finns inte", "errors": []}, status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    body = {"detail": str(error), "errors": []}
    return api.create_response(request, body, status=error.status_code)
