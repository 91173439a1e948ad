"""Personas with API tokens: `api_as("reporter")` is a client that sends the reporter's token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import make_persona
from django.test import Client
from django.utils import timezone

from uppsikt.apps.api.tokens import create_token
from uppsikt.domain.dataset import Dataset


class ApiClient:
    """A test client that sends a bearer token (or none) with every request."""

    def __init__(self, secret: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, url: str, **headers: str) -> Any:
        """GET the address."""
        return self.client.get(url, headers={**self.headers, **headers})

    def put(self, url: str, body: dict[str, Any], **headers: str) -> Any:
        """PUT a JSON body."""
        return self.client.put(
            url, body, content_type="application/json", headers={**self.headers, **headers}
        )

    def post_lines(self, url: str, text: str | bytes) -> Any:
        """POST a text body of lines."""
        return self.client.post(
            url, text, content_type="text/plain; charset=utf-8", headers=self.headers
        )


def token_for(name: str) -> str:
    """A new token's secret for the persona, created with the persona."""
    return create_token(make_persona(name), "test", now=timezone.now()).secret


@pytest.fixture
def api_as(loaded: Dataset) -> Callable[[str], ApiClient]:
    """An API client for a persona, or `anonymous` (no token)."""

    def client(name: str) -> ApiClient:
        return ApiClient(None if name == "anonymous" else token_for(name))

    return client
