"""Personal access tokens: how a secret looks, what is kept of it, and when it may be used.

A token's secret is shown once, when it is made; only its SHA-256 digest is kept, with a short
prefix of the secret so that people can tell their tokens apart. A token may be used until it
is revoked or its expiry date has passed (it is valid through that date).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

SCHEME = "upk_"  # every secret starts so, which lets secret scanners find leaked ones
PREFIX_LENGTH = 12  # the scheme and the first 8 characters of the random part
NAME_LENGTH = 100


def digest(secret: str) -> str:
    """The SHA-256 digest of a secret, in hex: what is kept, and how a secret is looked up."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def make_secret(random_part: str) -> str:
    """A secret from the random part (e.g. `secrets.token_urlsafe(32)`)."""
    return f"{SCHEME}{random_part}"


def prefix_of(secret: str) -> str:
    """The visible start of a secret, kept to tell tokens apart."""
    return secret[:PREFIX_LENGTH]


def looks_like_secret(text: str) -> bool:
    """Whether the text could be a secret at all (before looking it up)."""
    return text.startswith(SCHEME) and PREFIX_LENGTH < len(text) <= 200 and text.isascii()


class TokenState:
    """Why a token may or may not be used: the words shown for each state."""

    ACTIVE = "giltig"
    EXPIRED = "utgången"
    REVOKED = "återkallad"


@dataclass(frozen=True, slots=True)
class AccessToken:
    """A token as kept: its name, owner, visible prefix, dates and whether it is revoked."""

    name: str
    user: str
    prefix: str
    created: datetime
    last_used: datetime | None = None
    expires: date | None = None
    revoked: datetime | None = None

    def state(self, today: date) -> str:
        """Active, expired (after its expiry date) or revoked, as of `today`."""
        if self.revoked is not None:
            return TokenState.REVOKED
        if self.expires is not None and today > self.expires:
            return TokenState.EXPIRED
        return TokenState.ACTIVE

    def usable(self, today: date) -> bool:
        """Whether the token may be used on `today`."""
        return self.state(today) == TokenState.ACTIVE
