"""Municipality, committees and the org-unit tree."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from uppsikt.apps.restricted import RestrictedQuerySet
from uppsikt.apps.tracking import Ordered, Tracked
from uppsikt.domain.access import ROLE_NAMES, Grant, GrantError, Role
from uppsikt.domain.organisation import UnitKind


class Municipality(Tracked):
    """A municipality, identified by its Kolada id."""

    name = models.CharField("namn", max_length=200)
    kolada_id = models.CharField("Kolada-id", max_length=10, unique=True)

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class CommitteeQuerySet(RestrictedQuerySet["Committee"]):
    """Committees, narrowed to a person's with `for_user`."""

    committee_path = "id"
    municipality_path = "municipality"


class Committee(Ordered):
    """A committee (nämnd) of a municipality."""

    objects = CommitteeQuerySet.as_manager()

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="committees"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=200)

    class Meta(Ordered.Meta):
        verbose_name = "nämnd"
        verbose_name_plural = "nämnder"
        constraints = [
            models.UniqueConstraint(fields=("municipality", "code"), name="committee_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class OrgUnit(Ordered):
    """A unit of a committee's organisation; the tree is given by `parent`."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="children"
    )
    code = models.CharField("kod", max_length=40)
    name = models.CharField("namn", max_length=200)
    kind = models.CharField(
        "typ", max_length=20, choices=[(kind.value, kind.value) for kind in UnitKind]
    )

    class Meta(Ordered.Meta):
        verbose_name = "organisatorisk enhet"
        verbose_name_plural = "organisatoriska enheter"
        constraints = [
            models.UniqueConstraint(fields=("committee", "code"), name="unit_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class RoleGrant(Tracked):
    """A person's role in a municipality: everywhere, on a committee, or on a unit of one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(
        "roll", max_length=20, choices=[(role.value, ROLE_NAMES[role]) for role in Role]
    )
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="role_grants"
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="role_grants"
    )

    class Meta:
        verbose_name = "behörighet"
        verbose_name_plural = "behörigheter"
        ordering = ("user", "role")

    def __str__(self) -> str:
        scope = self.unit or self.committee or self.municipality
        return f"{self.user}: {ROLE_NAMES[Role(self.role)]}, {scope}"

    def to_domain(self) -> Grant:
        """The grant as the access rules see it (codes, not rows)."""
        return Grant(
            Role(self.role),
            self.committee.code if self.committee else None,
            self.unit.code if self.unit else None,
        )

    def clean(self) -> None:
        """Refuse a scope that does not fit the role, or parts of different places."""
        if self.committee and self.committee.municipality_id != self.municipality_id:
            raise ValidationError({"committee": "nämnden hör till en annan kommun"})
        if self.unit and self.unit.committee_id != self.committee_id:
            raise ValidationError({"unit": "enheten hör inte till nämnden"})
        try:
            self.to_domain()
        except GrantError as error:
            raise ValidationError(str(error)) from error
