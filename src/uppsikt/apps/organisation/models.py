"""Municipality, committees and the org-unit tree."""

from __future__ import annotations

from django.db import models

from uppsikt.apps.tracking import Ordered, Tracked
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


class Committee(Ordered):
    """A committee (nämnd) of a municipality."""

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
