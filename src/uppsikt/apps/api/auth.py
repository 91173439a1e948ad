"""Requests to the API authenticate with `Authorization: Bearer <token>`, nothing else."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from uppsikt.apps.api.tokens import RefusedError, authenticate


class TokenAuth(HttpBearer):
    """A personal access token as a bearer token; no session, so no CSRF either."""

    def authenticate(self, request: HttpRequest, token: str) -> User:
        """The token's person, who is also the request's user (so history names them)."""
        try:
            user = authenticate(token.strip(), now=timezone.now(), today=timezone.localdate())
        except RefusedError as error:
            raise AuthenticationError(message=f"Nyckeln gäller inte: {error}") from error
        request.user = user
        return user
