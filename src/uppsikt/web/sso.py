"""Single sign-on through the municipality's identity provider (enabled by settings only)."""

from __future__ import annotations

from typing import Any

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest


class SingleSignOnAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # untyped
    """Whoever the municipality's provider signs in gets an account, with no role yet.

    The provider decides who a person is; an administrator grants what they may do.
    """

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        """Accounts are created on first sign-in through the provider."""
        return True
