"""Mapping between narrative models and domain records."""

from __future__ import annotations

from uppsikt.apps.narratives import models
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.domain import narratives as domain


def save_narratives(
    committee_year: CommitteeYear, items: tuple[domain.Narrative, ...], periods: PeriodRows
) -> None:
    """Create the committee's narrative sections, keeping their tree and order."""

    def save(item: domain.Narrative, parent: models.Narrative | None, position: int) -> None:
        row = models.Narrative.objects.create(
            committee_year=committee_year,
            period=periods[item.period],
            parent=parent,
            key=item.key,
            title=item.title,
            body=item.body,
            draft=item.draft,
            position=position,
        )
        for index, section in enumerate(item.sections):
            save(section, row, index)

    for index, item in enumerate(items):
        save(item, None, index)


def narratives_to_domain(committee_year: CommitteeYear) -> tuple[domain.Narrative, ...]:
    """The committee's narrative sections of every period, as trees."""
    rows = list(committee_year.narratives.select_related("period__year"))
    children: dict[int | None, list[models.Narrative]] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)

    def build(row: models.Narrative) -> domain.Narrative:
        return domain.Narrative(
            period=row.period.key,
            key=row.key,
            title=row.title,
            body=row.body,
            sections=tuple(build(child) for child in children.get(row.pk, [])),
            draft=row.draft,
        )

    return tuple(build(row) for row in children.get(None, []))
