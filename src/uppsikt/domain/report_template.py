"""The report's structure as data: an ordered tree of sections, copied forward each period.

A section shows a narrative (its text), an auto-filled part (the goals with indicators and
assignments, a financial table, the budget frame, personnel, internal control, a chart), or
both, and then its sub-sections. A committee hides, adds and reorders sections by editing its
template; the next period starts from a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from uppsikt.domain.narratives import Narrative
from uppsikt.domain.periods import PeriodKey, PeriodKind


class Part(StrEnum):
    """An auto-filled part of a report."""

    GOALS = "goals"
    TABLE = "table"
    FRAME = "frame"
    PERSONNEL = "personnel"
    INTERNAL_CONTROL = "internal_control"
    SICK_LEAVE_CHART = "sick_leave_chart"
    FORECAST_CHART = "forecast_chart"


PARTS_WITH_TABLE = frozenset({Part.TABLE, Part.FORECAST_CHART})


@dataclass(frozen=True, slots=True)
class TemplateSection:
    """A section of the report: a title, a narrative and/or a part, and sub-sections."""

    title: str = ""
    narrative: str | None = None
    part: Part | None = None
    table: str | None = None  # the financial table of a table or forecast-chart part
    appendix: bool = False
    part_first: bool = False  # show the part before the narrative's text
    sections: tuple[TemplateSection, ...] = ()

    def walk(self) -> list[TemplateSection]:
        """The section and every sub-section, depth first."""
        found = [self]
        for section in self.sections:
            found.extend(section.walk())
        return found


@dataclass(frozen=True, slots=True)
class ReportTemplate:
    """A committee's report structure for a period."""

    period: PeriodKey
    sections: tuple[TemplateSection, ...]


def from_narratives(narratives: tuple[Narrative, ...]) -> tuple[TemplateSection, ...]:
    """Sections that show the narratives as they are nested."""
    return tuple(
        TemplateSection(narrative=item.key, sections=from_narratives(item.sections))
        for item in narratives
    )


def default_template(
    period: PeriodKey, narratives: tuple[Narrative, ...], tables: tuple[str, ...]
) -> ReportTemplate:
    """A report for a committee without a template: texts first, then every part."""
    parts = (
        TemplateSection("Mål och resultat", part=Part.GOALS),
        TemplateSection(
            "Ekonomi",
            sections=(
                TemplateSection("Budgetram", part=Part.FRAME),
                *(TemplateSection(part=Part.TABLE, table=key) for key in tables),
            ),
        ),
        TemplateSection("Personal", part=Part.PERSONNEL),
        TemplateSection("Intern kontroll", part=Part.INTERNAL_CONTROL),
    )
    return ReportTemplate(period, from_narratives(narratives) + parts)


def family(kind: PeriodKind) -> str:
    """The family of a period's report; a template is copied forward only within it.

    Plans, follow-ups (interim and annual reports) and monthly reports each have their own.
    """
    if kind in (PeriodKind.PLAN, PeriodKind.MONTH):
        return kind.value
    return "follow-up"


def latest_before(
    templates: tuple[ReportTemplate, ...], period: PeriodKey
) -> ReportTemplate | None:
    """The latest template of an earlier period of the same family, the one to copy forward."""
    earlier = [
        item
        for item in templates
        if family(item.period.kind) == family(period.kind)
        and item.period.default_closing_date() < period.default_closing_date()
    ]
    return max(earlier, key=lambda item: item.period.default_closing_date(), default=None)


def copy_forward(
    template: ReportTemplate, period: PeriodKey, narratives: tuple[Narrative, ...] = ()
) -> ReportTemplate:
    """The same structure for `period`.

    A section titled by its narrative keeps that title, so that it stands in the new period's
    report before its text is written.
    """
    titles = {item.key: item.title for top in narratives for item in top.walk()}

    def copied(section: TemplateSection) -> TemplateSection:
        title = section.title or titles.get(section.narrative or "", "")
        return replace(section, title=title, sections=tuple(map(copied, section.sections)))

    return ReportTemplate(period, tuple(map(copied, template.sections)))
