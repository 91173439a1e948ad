"""Mapping between report-structure models and domain records."""

from __future__ import annotations

from collections import defaultdict

from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.reporting import models
from uppsikt.domain import report_template as domain


def save_reports(
    committee_year: CommitteeYear, reports: tuple[domain.ReportTemplate, ...], periods: PeriodRows
) -> None:
    """Create the report structure of each period."""

    def save(
        item: domain.TemplateSection,
        period: int,
        parent: models.ReportSection | None,
        position: int,
    ) -> None:
        row = models.ReportSection.objects.create(
            committee_year=committee_year,
            period_id=period,
            parent=parent,
            title=item.title,
            narrative=item.narrative or "",
            part=item.part.value if item.part else "",
            table=item.table or "",
            appendix=item.appendix,
            part_first=item.part_first,
            position=position,
        )
        for index, child in enumerate(item.sections):
            save(child, period, row, index)

    for report in reports:
        for index, section in enumerate(report.sections):
            save(section, periods[report.period].pk, None, index)


def reports_to_domain(committee_year: CommitteeYear) -> tuple[domain.ReportTemplate, ...]:
    """The committee's report structure per period."""
    rows = list(committee_year.report_sections.select_related("period__year"))
    children: dict[int | None, list[models.ReportSection]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)

    def build(row: models.ReportSection) -> domain.TemplateSection:
        return domain.TemplateSection(
            title=row.title,
            narrative=row.narrative or None,
            part=domain.Part(row.part) if row.part else None,
            table=row.table or None,
            appendix=row.appendix,
            part_first=row.part_first,
            sections=tuple(build(child) for child in children[row.pk]),
        )

    by_period: dict[int, list[models.ReportSection]] = defaultdict(list)
    for row in children[None]:
        by_period[row.period_id].append(row)
    return tuple(
        domain.ReportTemplate(tops[0].period.key, tuple(build(row) for row in tops))
        for _, tops in sorted(by_period.items())
    )
