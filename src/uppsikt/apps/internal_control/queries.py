"""An internal-control item of a committee's period, as a person may see it, and what it is."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.internal_control import models
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import User
from uppsikt.apps.vocabularies.models import RiskMatrix
from uppsikt.domain.access import Action

Item = models.RiskAction | models.AuditAction | models.Control


@dataclass(frozen=True)
class Kind:
    """A kind of followed-up item: its word in the address, its names, and where its rows are."""

    slug: str  # in the address, e.g. riskatgard
    name: str  # e.g. Riskåtgärd
    definite: str  # e.g. riskåtgärden, as in "riskåtgärden är uppdaterad"
    model: type[Item]
    follow_up: type[FollowUpBase]
    item_field: str  # the follow-up's field that names the item
    year_path: str  # from the item to its committee's year

    def committee_year(self, item: Item) -> CommitteeYear:
        """The committee's year the item belongs to (loaded with the item)."""
        found: CommitteeYear = attrgetter(self.year_path.replace("__", "."))(item)
        return found

    def follow_ups(self, item: Item) -> list[FollowUpBase]:
        """The item's follow-ups in every period."""
        rows = self.follow_up._default_manager.filter(**{self.item_field: item})
        return list(rows.select_related("period__year", "status"))


KINDS = {
    kind.slug: kind
    for kind in (
        Kind(
            "riskatgard",
            "Riskåtgärd",
            "riskåtgärden",
            models.RiskAction,
            models.RiskActionFollowUp,
            "action",
            "risk__process__committee_year",
        ),
        Kind(
            "granskningsatgard",
            "Åtgärd efter granskning",
            "åtgärden",
            models.AuditAction,
            models.AuditActionFollowUp,
            "action",
            "finding__committee_year",
        ),
        Kind(
            "kontroll",
            "Kontroll",
            "kontrollen",
            models.Control,
            models.ControlFollowUp,
            "control",
            "process__committee_year",
        ),
    )
}


@dataclass(frozen=True)
class Found:
    """An item named by an address, with its kind, committee year and period."""

    kind: Kind
    item: Item
    committee_year: CommitteeYear
    period: ReportingPeriod


def item_for(
    user: User, kind: str, committee_year: CommitteeYear, period: ReportingPeriod, code: str
) -> Found | None:
    """The committee year's item of this kind and code, for the period, if `user` may see it."""
    found_kind = KINDS.get(kind)
    if found_kind is None:
        return None
    year = found_kind.year_path
    item = (
        found_kind.model.objects.for_user(user, Action.VIEW)
        .filter(**{year: committee_year, "code": code})
        .select_related(
            f"{year}__committee__municipality", f"{year}__control_statuses", f"{year}__year"
        )
        .first()
    )
    if item is None:
        return None
    return Found(found_kind, item, found_kind.committee_year(item), period)


def facts(found: Found) -> list[tuple[str, str]]:
    """What the item is, as label and text, in the words of the internal-control plan."""
    item = found.item
    if isinstance(item, models.RiskAction):
        risk = item.risk
        shown = [("Process", risk.process.name), ("Risk", risk.description)]
        matrix = RiskMatrix.objects.filter(
            municipality=found.committee_year.committee.municipality
        ).first()
        for label, level, names in (
            ("Sannolikhet", risk.probability, matrix.probability if matrix else []),
            ("Konsekvens", risk.consequence, matrix.consequence if matrix else []),
        ):
            if level is not None:
                name = names[level - 1] if 0 < level <= len(names) else ""
                shown.append((label, f"{level} ({name})" if name else str(level)))
        return shown
    if isinstance(item, models.AuditAction):
        finding = item.finding
        shown = [("Granskning", finding.title)]
        if finding.case_reference:
            shown.append(("Diarienummer", finding.case_reference))
        if finding.background:
            shown.append(("Risk och bakgrund", finding.background))
        return shown
    shown = [("Process", item.process.name)]
    if item.purpose:
        shown.append(("Varför görs kontrollen?", item.purpose))
    if item.frequency:
        shown.append(("Frekvens", item.frequency))
    return shown
