"""Accounts: who may create one, what signing in says, and how long a session lasts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, user_logged_in
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase

Handler = Callable[[HttpRequest], HttpResponseBase]

# When the session's person signed in and when they were last seen, as Unix seconds.
SIGNED_IN_AT = "uppsikt_signed_in_at"
LAST_SEEN = "uppsikt_last_seen"
# A request within a minute of the last one seen leaves the session unwritten: idle time is
# counted in minutes, and most requests then cost no write.
SEEN_STEP = 60


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """No one signs themselves up: a municipality's administrator creates its accounts."""

    error_messages: ClassVar[dict[str, str]] = {
        **DefaultAccountAdapter.error_messages,
        "username_password_mismatch": "Fel användarnamn eller lösenord. Försök igen.",
        "too_many_login_attempts": (
            "För många misslyckade inloggningsförsök. Vänta några minuter och försök igen; "
            "kontakta kommunens administratör om du har glömt ditt lösenord."
        ),
        "rate_limited": "För många försök på kort tid. Vänta en stund och försök igen.",
        "incorrect_password": "Lösenordet stämmer inte.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Sign-up is closed."""
        return False


class TwoStepAdapter(DefaultMFAAdapter):  # type: ignore[misc]  # allauth is untyped
    """Two-step verification (allauth.mfa) in Uppsikt's words."""

    error_messages: ClassVar[dict[str, str]] = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "Koden stämmer inte. Försök igen med koden som appen visar nu.",
        "cannot_delete_authenticator": "Tvåstegsverifieringen kan inte stängas av.",
        "cannot_generate_recovery_codes": (
            "Reservkoder kan bara skapas när tvåstegsverifiering är på."
        ),
    }


def session_expiry(get_response: Handler) -> Handler:
    """Middleware signing out a session that has been idle or signed in for too long.

    Idle means no request for `SESSION_IDLE_AGE` seconds; too long is `SESSION_COOKIE_AGE`
    seconds since signing in, however busy. The person goes on as anonymous: pages send them to
    sign in, where a message says why.
    """

    def middleware(request: HttpRequest) -> HttpResponseBase:
        now = time.time()
        if request.user.is_authenticated:
            reason = expiry_reason(request.session, now)
            if reason:
                logout(request)
                messages.info(request, reason)
        response = get_response(request)
        if request.user.is_authenticated:
            mark_seen(request.session, now)
        return response

    return middleware


def expiry_reason(session: SessionBase, now: float) -> str | None:
    """Why the session has ended, in Swedish, or None while it lasts."""
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is None:
        return None
    if now - signed_in > settings.SESSION_COOKIE_AGE:
        hours = settings.SESSION_COOKIE_AGE // 3600
        span = "en timme" if hours == 1 else f"{hours} timmar"
        return f"Du har loggats ut eftersom det har gått {span} sedan du loggade in."
    if now - session.get(LAST_SEEN, signed_in) > settings.SESSION_IDLE_AGE:
        minutes = settings.SESSION_IDLE_AGE // 60
        span = "en minut" if minutes == 1 else f"{minutes} minuter"
        return f"Du har loggats ut eftersom du inte har använt Uppsikt på {span}."
    return None


def mark_seen(session: SessionBase, now: float) -> None:
    """Note a request: the first one signed in starts the session's clock."""
    if SIGNED_IN_AT not in session:
        session[SIGNED_IN_AT] = now
        session[LAST_SEEN] = now
    elif now - session.get(LAST_SEEN, 0) >= SEEN_STEP:
        session[LAST_SEEN] = now


def start_clock(sender: type, request: HttpRequest, user: AbstractBaseUser, **_: object) -> None:
    """Signing in starts the session's clock afresh."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


user_logged_in.connect(start_clock, dispatch_uid="uppsikt.web.accounts.start_clock")


def not_offered(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """An account page Uppsikt does not offer (setting or resetting one's own password)."""
    raise Http404("Uppsikt erbjuder inte den sidan")
