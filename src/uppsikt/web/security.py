"""Response headers that hold on every page: the content security policy and its companions."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]

# Only Uppsikt's own files may run, style, or be fetched: no inline script or style anywhere
# (the pages carry none; the text editor's preview and the API's Swagger page load files), no
# plugins, no framing by others, forms post only back here.
POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    )
)
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def security_headers(get_response: Handler) -> Handler:
    """Middleware setting `Content-Security-Policy` and `Permissions-Policy` where a view has not.

    A view with needs of its own (the standalone report) sets its policy itself.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS)
        return response

    return middleware
