"""Personal access tokens: what is kept of a secret, and when a token may be used."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime

import pytest

from uppsikt.domain.tokens import (
    AccessToken,
    TokenState,
    digest,
    looks_like_secret,
    make_secret,
    prefix_of,
)

MADE = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)


def test_a_secret_is_kept_as_its_sha256_digest_and_a_short_prefix() -> None:
    secret = make_secret("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdefg")
    assert digest(secret) == hashlib.sha256(secret.encode()).hexdigest()
    assert prefix_of(secret) == "upk_AbCdEfGh"
    assert looks_like_secret(secret)
    assert not looks_like_secret("AbCdEfGh")
    assert not looks_like_secret("upk_åäö-åäö-åäö")


@pytest.mark.parametrize(
    ("expires", "revoked", "today", "state"),
    [
        (None, None, date(2030, 1, 1), TokenState.ACTIVE),
        (date(2024, 6, 30), None, date(2024, 6, 30), TokenState.ACTIVE),  # through its last day
        (date(2024, 6, 30), None, date(2024, 7, 1), TokenState.EXPIRED),
        (None, MADE, date(2024, 1, 10), TokenState.REVOKED),
        (date(2024, 6, 30), MADE, date(2024, 7, 1), TokenState.REVOKED),
    ],
)
def test_a_token_is_usable_until_revoked_or_past_its_last_day(
    expires: date | None, revoked: datetime | None, today: date, state: str
) -> None:
    token = AccessToken("x", "reader", "upk_AbCdEfGh", MADE, expires=expires, revoked=revoked)
    assert token.state(today) == state
    assert token.usable(today) == (state == TokenState.ACTIVE)
