"""Personal access tokens: a person's keys to the API, kept as digests only."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from uppsikt.apps.tracking import Tracked
from uppsikt.domain.tokens import NAME_LENGTH, PREFIX_LENGTH


class AccessToken(Tracked):
    """A personal access token: its name, owner, the SHA-256 digest of its secret, and dates.

    The secret itself is never kept. Its history holds who made and who revoked it; the last
    use is written without history (it is bookkeeping, not a change).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="access_tokens",
        verbose_name="person",
    )
    name = models.CharField("namn", max_length=NAME_LENGTH)
    prefix = models.CharField("början", max_length=PREFIX_LENGTH)
    digest = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    created = models.DateTimeField("skapad")
    last_used = models.DateTimeField("senast använd", null=True, blank=True)
    expires = models.DateField("giltig till och med", null=True, blank=True)
    revoked = models.DateTimeField("återkallad", null=True, blank=True)

    class Meta:
        verbose_name = "API-nyckel"
        verbose_name_plural = "API-nycklar"
        ordering = ("-created", "pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
