"""Making, finding and revoking personal access tokens.

A token's secret is returned once, when it is made; afterwards only its digest and prefix are
known. A request's secret is looked up by its digest.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction

from uppsikt.apps.api.mapping import token_to_domain
from uppsikt.apps.api.models import AccessToken
from uppsikt.apps.tracking import save_if_current
from uppsikt.domain.tokens import (
    NAME_LENGTH,
    TokenState,
    digest,
    looks_like_secret,
    make_secret,
    prefix_of,
)

# The last use is written at most this often, so that a busy client does not write every time.
LAST_USED_STEP = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made as asked: no name, a name too long, an expiry in the past."""


@dataclass(frozen=True)
class Made:
    """A new token, and its secret, shown this once."""

    token: AccessToken
    secret: str


def create_token(user: User, name: str, *, now: datetime, expires: date | None = None) -> Made:
    """Make a token for `user`; raises TokenError for a missing or long name or a past expiry."""
    name = name.strip()
    if not name:
        raise TokenError("ge nyckeln ett namn, t.ex. systemet som ska använda den")
    if len(name) > NAME_LENGTH:
        raise TokenError(f"namnet får vara högst {NAME_LENGTH} tecken")
    if expires is not None and expires < now.date():
        raise TokenError("sista giltighetsdagen har redan passerat")
    secret = make_secret(secrets.token_urlsafe(32))
    token = AccessToken.objects.create(
        user=user,
        name=name,
        prefix=prefix_of(secret),
        digest=digest(secret),
        created=now,
        expires=expires,
    )
    return Made(token, secret)


def revoke(token: AccessToken, *, now: datetime) -> AccessToken:
    """Revoke the token (a revoked one stays revoked, with its first revocation's time)."""
    with transaction.atomic():
        current = AccessToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked is not None:
            return current
        return save_if_current(current, current.version, revoked=now)


class RefusedError(Exception):
    """A secret that gives no access: unknown, expired or revoked, said in Swedish."""


def authenticate(secret: str, *, now: datetime, today: date) -> User:
    """The active person whose token this secret is; raises RefusedError, saying why, otherwise.

    The use is noted as the token's last use.
    """
    if not looks_like_secret(secret):
        raise RefusedError("okänd nyckel")
    token = AccessToken.objects.select_related("user").filter(digest=digest(secret)).first()
    if token is None:
        raise RefusedError("okänd nyckel")
    state = token_to_domain(token).state(today)
    if state != TokenState.ACTIVE:
        raise RefusedError(f"nyckeln är {state}")
    if not token.user.is_active:
        raise RefusedError("kontot är inaktiverat")
    if token.last_used is None or now - token.last_used >= LAST_USED_STEP:
        # Written without history: a use is not a change of the token.
        AccessToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def tokens_of(user: User) -> list[AccessToken]:
    """The person's tokens, newest first."""
    return list(AccessToken.objects.filter(user=user).select_related("user"))
