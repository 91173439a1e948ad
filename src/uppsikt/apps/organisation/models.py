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


class GrantOrigin(models.TextChoices):
    """Where a role grant came from: an administrator's hand, or the person's groups."""

    MANUAL = "manual", "given för hand"
    GROUPS = "groups", "från grupper vid inloggning"


class RoleGrant(Tracked):
    """A person's role in a municipality: everywhere, on a committee, or on a unit of one.

    A grant from groups is the sign-in's to make and take away (see `GroupRole`); a grant
    given by hand stays until an administrator removes it.
    """

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
    origin = models.CharField(
        "ursprung", max_length=10, choices=GrantOrigin.choices, default=GrantOrigin.MANUAL
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
        return _grant(self.role, self.committee, self.unit)

    def clean(self) -> None:
        """Refuse a scope that does not fit the role, or parts of different places."""
        _clean_scope(self.role, self.municipality_id, self.committee, self.unit)


class GroupRole(Tracked):
    """A group at the municipality's identity provider, and the role its members hold.

    At each sign-in through single sign-on a person's grants from groups become what their
    groups give then (`uppsikt.domain.identity`).
    """

    group = models.CharField(
        "grupp",
        max_length=255,
        help_text="Gruppen exakt som identitetsleverantören skickar den: namn, sökväg eller id.",
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="group_roles"
    )
    role = models.CharField(
        "roll", max_length=20, choices=[(role.value, ROLE_NAMES[role]) for role in Role]
    )
    committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.CASCADE, related_name="group_roles"
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.CASCADE, related_name="group_roles"
    )

    class Meta:
        verbose_name = "roll från grupp"
        verbose_name_plural = "roller från grupper"
        ordering = ("group", "role")

    def __str__(self) -> str:
        scope = self.unit or self.committee or self.municipality
        return f"{self.group}: {ROLE_NAMES[Role(self.role)]}, {scope}"

    def to_domain(self) -> Grant:
        """The grant the group gives, as the access rules see it."""
        return _grant(self.role, self.committee, self.unit)

    def clean(self) -> None:
        """Refuse an empty group, a scope that does not fit the role, or the same role twice."""
        self.group = self.group.strip()
        if not self.group:
            raise ValidationError({"group": "ange gruppen som identitetsleverantören skickar"})
        _clean_scope(self.role, self.municipality_id, self.committee, self.unit)
        same = GroupRole.objects.filter(
            group=self.group,
            municipality_id=self.municipality_id,
            role=self.role,
            committee=self.committee,
            unit=self.unit,
        ).exclude(pk=self.pk)
        if same.exists():
            raise ValidationError("gruppen ger redan den här rollen här")


ROLE_VALUES = frozenset(role.value for role in Role)


def _grant(role: str, committee: Committee | None, unit: OrgUnit | None) -> Grant:
    return Grant(Role(role), committee.code if committee else None, unit.code if unit else None)


def _clean_scope(
    role: str, municipality_id: int | None, committee: Committee | None, unit: OrgUnit | None
) -> None:
    """Refuse a scope that does not fit the role, or parts of different places."""
    if role not in ROLE_VALUES:
        return  # no role chosen: the field's own error says so
    if committee and committee.municipality_id != municipality_id:
        raise ValidationError({"committee": "nämnden hör till en annan kommun"})
    if unit and (committee is None or unit.committee_id != committee.pk):
        raise ValidationError({"unit": "enheten hör inte till nämnden"})
    try:
        _grant(role, committee, unit)
    except GrantError as error:
        raise ValidationError(str(error)) from error
