"""`uppsikt token create|list|revoke`: personal access tokens for the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from uppsikt.apps.api import tokens as service
from uppsikt.apps.api.mapping import token_to_domain
from uppsikt.apps.api.models import AccessToken


class Command(BaseCommand):
    """Make, list and revoke personal access tokens."""

    help = "API-nycklar: create --user NAMN --name TEXT [--expires ÅÅÅÅ-MM-DD], list, revoke."

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the subcommands."""
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="skapa en nyckel och skriv ut den en gång")
        create.add_argument("--user", required=True, help="personens användarnamn")
        create.add_argument("--name", required=True, help="vad nyckeln används till")
        create.add_argument("--expires", help="sista giltiga dag, ÅÅÅÅ-MM-DD")
        listing = commands.add_parser("list", help="lista nycklarna")
        listing.add_argument("--user", help="bara den här personens nycklar")
        revoke = commands.add_parser("revoke", help="återkalla en nyckel")
        revoke.add_argument("id", type=int, help="nyckelns nummer, som list visar det")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the subcommand."""
        if options["command"] == "create":
            self._create(options["user"], options["name"], options["expires"])
        elif options["command"] == "list":
            self._list(options["user"])
        else:
            self._revoke(options["id"])

    def _create(self, username: str, name: str, expires_text: str | None) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"ingen person med användarnamnet {username}")
        expires = None
        if expires_text:
            try:
                expires = date.fromisoformat(expires_text)
            except ValueError as error:
                raise CommandError(
                    f"--expires: '{expires_text}' är inget datum ÅÅÅÅ-MM-DD"
                ) from error
        try:
            made = service.create_token(user, name, now=timezone.now(), expires=expires)
        except service.TokenError as error:
            raise CommandError(str(error)) from error
        self.stderr.write(
            f"Nyckel {made.token.pk} ({made.token.name}) för {username}. "
            "Kopiera den nu; den visas inte igen:"
        )
        self.stdout.write(made.secret)

    def _list(self, username: str | None) -> None:
        rows = AccessToken.objects.select_related("user").order_by("pk")
        if username:
            rows = rows.filter(user__username=username)
        today = timezone.localdate()
        for row in rows:
            record = token_to_domain(row)
            used = (
                f"{timezone.localtime(row.last_used):%Y-%m-%d %H:%M}" if row.last_used else "aldrig"
            )
            expires = row.expires.isoformat() if row.expires else "–"
            self.stdout.write(
                f"{row.pk:>4}  {record.prefix}…  {record.user:<16} {record.state(today):<10} "
                f"till {expires:<10}  använd {used:<16}  {record.name}"
            )

    def _revoke(self, pk: int) -> None:
        found = AccessToken.objects.filter(pk=pk).first()
        if found is None:
            raise CommandError(f"ingen nyckel med nummer {pk}")
        service.revoke(found, now=timezone.now())
        self.stdout.write(f"Nyckel {pk} ({found.name}) är återkallad.")
