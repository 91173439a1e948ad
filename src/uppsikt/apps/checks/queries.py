"""The check findings as the report page lists them: in Swedish, each linked to its place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from uppsikt.domain.checks import Finding, Place, run_checks
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.problems import Severity

SEVERITY_NAMES = {Severity.ERROR: "Fel", Severity.WARNING: "Varning"}

# The internal-control items a finding can be about: their word, and their page's word.
CONTROL_ITEMS = {
    "risk_action": ("Riskåtgärd", "riskatgard"),
    "audit_action": ("Åtgärd efter granskning", "granskningsatgard"),
    "control": ("Kontroll", "kontroll"),
}


@dataclass(frozen=True)
class FindingRow:
    """A finding as listed: how bad, where (with a link there), what, and the figures compared."""

    severity: str
    code: str
    place: str
    url: str
    message: str
    expected: str
    found: str


@dataclass(frozen=True)
class Address:
    """The committee's period the findings are about, as its pages are addressed."""

    kolada_id: str
    committee: str
    period: str

    def url(self, name: str, *more: str) -> str:
        """The address of one of the period's pages."""
        return reverse(name, args=[self.kolada_id, self.committee, self.period, *more])


def finding_rows(context: FigureContext, address: Address) -> list[FindingRow]:
    """Every finding of the committee's period, errors first, each linked to where it is."""
    return [_row(finding, context, address) for finding in run_checks(context)]


def _row(finding: Finding, context: FigureContext, address: Address) -> FindingRow:
    place, url = _place(finding.place, context, address)
    return FindingRow(
        severity=SEVERITY_NAMES[finding.severity],
        code=finding.code,
        place=place,
        url=url,
        message=finding.message,
        expected=finding.expected,
        found=finding.found,
    )


Where = tuple[str, str]  # the place in words, and the address of the page and spot where it is


def _place(place: Place, context: FigureContext, address: Address) -> Where:
    describe = PLACES.get(place.kind)
    if describe is None:
        return str(place), address.url("overview:committee_period")
    return describe(place, context, address)


def _table_place(place: Place, context: FigureContext, address: Address) -> Where:
    if place.key not in context.tables:
        return f"Tabellen {place.key}", address.url("overview:committee_period") + "#ekonomi"
    table = context.tables[place.key].table
    row = next((item.row for item in table.placed() if item.row.key == place.row), None)
    column = next((item for item in table.columns if item.key == place.column), None)
    words = [f"Tabellen {table.title}"]
    words += [f"raden {row.label}"] if row else []
    words += [f"kolumnen {column.label}"] if column else []
    spot = f"#c-{place.row}-{place.column}" if row and column else ""
    return ", ".join(words), address.url("economy:table", place.key) + spot


def _frame_place(place: Place, context: FigureContext, address: Address) -> Where:
    return "Budgetramen", address.url("overview:committee_period") + "#ekonomi"


def _narrative_place(place: Place, context: FigureContext, address: Address) -> Where:
    sections = (
        item for top in context.committee.narratives_for(context.period.key) for item in top.walk()
    )
    section = next((item for item in sections if item.key == place.key), None)
    if section is None:
        return f"Textavsnittet {place.key}", address.url("narratives:sections")
    return f"Textavsnittet {section.title}", address.url("narratives:section", place.key)


def _assignment_place(place: Place, context: FigureContext, address: Address) -> Where:
    return f"Uppdrag {place.key}", address.url("assignments:assignment", place.key)


def _control_place(place: Place, context: FigureContext, address: Address) -> Where:
    name, slug = CONTROL_ITEMS[place.kind]
    return f"{name} {place.key}", address.url("internal_control:item", slug, place.key)


PLACES: dict[str, Callable[[Place, FigureContext, Address], Where]] = {
    "table": _table_place,
    "frame": _frame_place,
    "narrative": _narrative_place,
    "assignment": _assignment_place,
    **dict.fromkeys(CONTROL_ITEMS, _control_place),
}
