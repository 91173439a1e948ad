"""Single sign-on through the municipality's identity provider (enabled by settings only).

The provider says who a person is and which groups they are in; the municipality's group roles
say what the groups may do (docs/single-sign-on.md). The rules are the domain's
(`uppsikt.domain.identity`); this adapter only hands allauth's sign-in to them.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpRequest
from django.shortcuts import render

from uppsikt.apps.organisation.services import grant_by_groups
from uppsikt.domain.identity import (
    DEFAULT_GROUPS_CLAIM,
    ClaimError,
    Profile,
    groups_in,
    merged_claims,
    profile,
)

log = logging.getLogger(__name__)

PROFILE_FIELDS = ("first_name", "last_name", "email")


class SingleSignOnAdapter(DefaultSocialAccountAdapter):  # type: ignore[misc]  # untyped
    """Whoever the provider signs in gets an account; their groups give their roles.

    At every sign-in the person's name and e-mail address follow the provider's claims, and
    their grants from groups become what their groups give now. Grants given by hand stay.
    """

    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        """Accounts are created on first sign-in through the provider."""
        return True

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        """A new account's username, names and e-mail address from the provider's claims.

        allauth reads the userinfo answer only; the claims here are the ID token's too, where
        some providers (Entra ID) put `preferred_username`. A taken or invalid username is
        replaced by a free one when the account is saved.
        """
        person = profile(_claims(sociallogin))
        fields = {name: _fitted(name, getattr(person, name)) for name in PROFILE_FIELDS}
        return super().populate_user(
            request,
            sociallogin,
            {**data, **fields, "username": _fitted("username", person.username)},
        )

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        """Refuse unreadable groups before anything is written; bring a known person up to date.

        Uppsikt signs people in by username: the provider's e-mail address is kept on the
        account only, so allauth's address records (and their uniqueness, which would stop a
        person whose address a local account also has) are not made.
        """
        groups = _groups(request, sociallogin)
        sociallogin.email_addresses = []
        if sociallogin.is_existing:
            _update_profile(sociallogin.user, profile(_claims(sociallogin)))
            _grant(sociallogin.user, groups)

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        """Save a person signing in for the first time, with the roles their groups give."""
        user = super().save_user(request, sociallogin, form)
        _grant(user, _groups(request, sociallogin))
        return user


def _claims(sociallogin: Any) -> dict[str, object]:
    data = sociallogin.account.extra_data
    return merged_claims(data.get("userinfo"), data.get("id_token"))


def _groups(request: HttpRequest, sociallogin: Any) -> frozenset[str]:
    """The person's groups, or a refusal page naming what is wrong with the claim."""
    app = sociallogin.account.get_provider(request).app
    claim = app.settings.get("groups_claim") or DEFAULT_GROUPS_CLAIM
    try:
        return groups_in(_claims(sociallogin), claim)
    except ClaimError as error:
        log.warning("inloggning nekad för %s: %s", sociallogin.account.uid, error)
        page = render(request, "sso_refused.html", {"reason": str(error)}, status=403)
        raise ImmediateHttpResponse(page) from error


def _grant(user: AbstractBaseUser, groups: frozenset[str]) -> None:
    changes = grant_by_groups(user, groups)
    if changes.add or changes.remove:
        log.info(
            "roller från grupper för %s: %d tillagda, %d borttagna",
            user.get_username(),
            len(changes.add),
            len(changes.remove),
        )


def _update_profile(user: Any, person: Profile) -> None:
    """The name and e-mail address the provider gives now; the username is never changed."""
    changed = []
    for name in PROFILE_FIELDS:
        value = _fitted(name, getattr(person, name))
        if name == "email" and value and not _is_email(value):
            continue
        if value and getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=changed)


def _fitted(field: str, value: str) -> str:
    """The value cut to what the user model's field holds."""
    length = getattr(get_user_model()._meta.get_field(field), "max_length", None)
    return value[:length] if length else value


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return True
