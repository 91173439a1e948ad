"""The API's errors as JSON, and the version a write is based on (If-Match or `version`).

Every error answers `{"detail": "…", "errors": [{"field": "…", "message": "…", "line": …}]}`;
a stale write adds `"current"`, the resource as it now is.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from ninja import Schema


class FieldError(Schema):
    """A fault in one field of the request (and, for lines, its line)."""

    field: str
    message: str
    line: int | None = None


class Error(Schema):
    """What went wrong, and where in the request."""

    detail: str
    errors: list[FieldError] = []  # noqa: RUF012  # pydantic copies a field's default


class Conflict(Error):  # noqa: N818  # a schema, named for the answer it describes
    """A write based on a version someone else has replaced: the resource as it now is."""

    current: dict[str, Any]


class ApiError(Exception):
    """An answer other than success: its status, what went wrong, and where."""

    def __init__(
        self,
        status: int,
        detail: str,
        field: str = "",
        *,
        errors: list[FieldError] | None = None,
        current: Schema | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = errors if errors is not None else []
        if field:
            self.errors.insert(0, FieldError(field=field, message=detail))
        self.current = current

    def body(self) -> dict[str, Any]:
        """The JSON answer."""
        body: dict[str, Any] = {
            "detail": self.detail,
            "errors": [item.model_dump() for item in self.errors],
        }
        if self.current is not None:
            body["current"] = self.current.model_dump(mode="json")
        return body


def not_found(what: str = "finns inte, eller så får du inte se den") -> ApiError:
    """A 404: what does not exist and what the person may not see are answered alike."""
    return ApiError(404, what)


def sentence(message: str) -> str:
    """A message from the services (lower case, as they continue a sentence) as a sentence."""
    return message[:1].upper() + message[1:]


_ETAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


def etag(version: int) -> str:
    """The ETag of a row at `version`."""
    return f'"{version}"'


def based_on(request: HttpRequest, version: int | None) -> int:
    """The version a write is based on: `If-Match` or the body's `version`, which must agree.

    A write without either is refused with 428, so that no one overwrites by accident.
    """
    header = request.headers.get("If-Match")
    from_header = None
    if header is not None:
        match = _ETAG.match(header.strip())
        if match is None:
            raise ApiError(400, 'If-Match ska vara den ETag som lästes, t.ex. "3"', "If-Match")
        from_header = int(match[1])
    if from_header is not None and version is not None and from_header != version:
        raise ApiError(400, "If-Match och version säger olika versioner", "version")
    found = from_header if from_header is not None else version
    if found is None:
        raise ApiError(
            428,
            "ange versionen ändringen bygger på: If-Match eller version (0 för en ny rad)",
            "version",
        )
    return found
