"""A committee's text sections for a period as a person may see them, and their live figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from uppsikt.apps.datasets.services import context_of, dataset_from_db
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
from uppsikt.domain.figures import live_figures
from uppsikt.domain.narratives import FILTERS, Figure, render_figure


def section_for(
    user: User, committee_year: CommitteeYear, period: ReportingPeriod, key: str
) -> Narrative | None:
    """The period's text section with this key, if `user` may see it."""
    return (
        Narrative.objects.for_user(user, Action.VIEW)
        .filter(committee_year=committee_year, period=period, key=key)
        .select_related("committee_year__committee", "period__year", "parent")
        .first()
    )


@dataclass
class SectionNode:
    """A text section in the tree of the period's sections."""

    row: Narrative
    sections: list[SectionNode] = field(default_factory=list)


def section_tree(
    user: User, committee_year: CommitteeYear, period: ReportingPeriod
) -> list[SectionNode]:
    """The period's text sections `user` may see, as a tree in their order."""
    rows = Narrative.objects.for_user(user, Action.VIEW).filter(
        committee_year=committee_year, period=period
    )
    nodes = {row.pk: SectionNode(row) for row in rows}
    top: list[SectionNode] = []
    for node in nodes.values():
        parent = nodes.get(node.row.parent_id) if node.row.parent_id else None
        (parent.sections if parent else top).append(node)
    return top


def walk(nodes: list[SectionNode]) -> Iterator[SectionNode]:
    """Every section of the tree, depth first."""
    for node in nodes:
        yield node
        yield from walk(node.sections)


def figures_for(committee_year: CommitteeYear, period: ReportingPeriod) -> dict[str, Figure]:
    """Every live figure of the committee's period, computed from the data as it is now."""
    year = committee_year.year
    code = committee_year.committee.code
    dataset = dataset_from_db(year, (code,))
    return live_figures(context_of(dataset, year, code, period.key))


def shown(figure: Figure) -> str:
    """A figure's value as a text shows it with no filter, with its unit when it has one."""
    text = render_figure(figure, ())
    return f"{text} {figure.unit.value}" if figure.unit and figure.value is not None else text


@dataclass(frozen=True)
class FigureRow:
    """A live figure as listed for writers: its placeholder, meaning and value now."""

    placeholder: str
    description: str
    value: str


@dataclass(frozen=True)
class FigureGroup:
    """The live figures of one part of the data, e.g. the assignments or one table."""

    key: str
    title: str
    rows: list[FigureRow]


GROUP_TITLES = {
    "period": "Perioden",
    "goals": "Mål och indikatorer",
    "assignments": "Uppdrag",
    "internal_control": "Intern kontroll",
    "personnel": "Personal",
    "economy": "Ekonomi",
}


def figure_groups(figures: dict[str, Figure]) -> list[FigureGroup]:
    """The live figures grouped as the data is: the period, goals, …, then each table."""
    groups: dict[str, FigureGroup] = {}
    for name, figure in figures.items():
        part, rest = name.split(".", 1)
        if part == "table":
            # Table figures are described "<table title>: <row>, <column>".
            table = rest.split(".", 1)[0]
            key, title = f"table-{table}", f"Tabell: {figure.description.split(':', 1)[0]}"
        else:
            key, title = part, GROUP_TITLES.get(part, part)
        group = groups.setdefault(key, FigureGroup(key, title, []))
        group.rows.append(FigureRow(f"{{{name}}}", figure.description, shown(figure)))
    return list(groups.values())


def filter_rows() -> list[tuple[str, str]]:
    """The filters a placeholder may take, as written and what they do."""
    return [(f"|{name}", description) for name, description in FILTERS.items()]
