"""Accounts: who may create one."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]  # allauth is untyped
    """No one signs themselves up: a municipality's administrator creates its accounts."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Sign-up is closed."""
        return False
