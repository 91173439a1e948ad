"""The test provider's claims: the standard ones, and the person's groups."""

from __future__ import annotations

from typing import Any, ClassVar

from oauth2_provider.oauth2_validators import OAuth2Validator

MALFORMED_GROUPS = {"trasigt": True}


class GroupsValidator(OAuth2Validator):  # type: ignore[misc]  # django-oauth-toolkit is untyped
    """Adds name, e-mail and groups (the person's Django groups) to the ID token and userinfo.

    A staff member of the provider stands for a misconfigured provider: their `groups` claim is
    an object, not a list of names.
    """

    oidc_claim_scope: ClassVar[dict[str, str]] = {
        **OAuth2Validator.oidc_claim_scope,
        "groups": "groups",
    }

    def get_additional_claims(self, request: Any) -> dict[str, object]:
        """The claims of the person signing in."""
        user = request.user
        groups = sorted(group.name for group in user.groups.all())
        return {
            "preferred_username": user.username,
            "name": user.get_full_name(),
            "email": user.email,
            "groups": MALFORMED_GROUPS if user.is_staff else groups,
        }
