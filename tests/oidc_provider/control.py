"""Preparing the test provider and reading what it stored: `python -m tests.oidc_provider.control`.

    prepare --redirect-uri URI --client-id ID --secret SECRET   tables and the client
    person USERNAME PASSWORD NAME EMAIL [GROUP ...] [--staff]     a person and their groups
    groups USERNAME [GROUP ...]                                   the person's groups, replaced
    grant                                                         the newest stored code, as JSON

Its settings (`tests.oidc_provider.settings`) make the provider's RSA key on first use.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")
django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oauth2_provider.models import get_application_model, get_grant_model  # noqa: E402


def main(argv: list[str]) -> None:
    """Run one command against the provider's database."""
    parser = argparse.ArgumentParser(prog="control")
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare")
    prepare.add_argument("--redirect-uri", required=True)
    prepare.add_argument("--client-id", required=True)
    prepare.add_argument("--secret", required=True)
    person = commands.add_parser("person")
    person.add_argument("username")
    person.add_argument("password")
    person.add_argument("name")
    person.add_argument("email")
    person.add_argument("groups", nargs="*")
    person.add_argument("--staff", action="store_true")
    groups = commands.add_parser("groups")
    groups.add_argument("username")
    groups.add_argument("groups", nargs="*")
    commands.add_parser("grant")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        _prepare(args.redirect_uri, args.client_id, args.secret)
    elif args.command == "person":
        _person(args.username, args.password, args.name, args.email, args.staff)
        _groups(args.username, args.groups)
    elif args.command == "groups":
        _groups(args.username, args.groups)
    else:
        sys.stdout.write(json.dumps(_grant()) + "\n")


def _prepare(redirect_uri: str, client_id: str, secret: str) -> None:
    """The tables, and Uppsikt as a confidential client using the authorization code flow."""
    call_command("migrate", verbosity=0)
    application = get_application_model()
    application.objects.create(
        name="Uppsikt",
        client_id=client_id,
        client_secret=secret,  # hashed when saved
        client_type=application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=application.RS256_ALGORITHM,
        skip_authorization=False,  # the person approves, as on a first visit
    )


def _person(username: str, password: str, name: str, email: str, staff: bool) -> None:
    first, _, last = name.partition(" ")
    User.objects.create_user(
        username, email, password, first_name=first, last_name=last, is_staff=staff
    )


def _groups(username: str, names: list[str]) -> None:
    user = User.objects.get(username=username)
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])


def _grant() -> dict[str, str] | None:
    """The newest authorization code's PKCE challenge as the provider stored it."""
    grant = get_grant_model().objects.order_by("-pk").first()
    if grant is None:
        return None
    return {
        "code_challenge": grant.code_challenge,
        "code_challenge_method": grant.code_challenge_method,
        "user": grant.user.username,
    }


if __name__ == "__main__":
    main(sys.argv[1:])
