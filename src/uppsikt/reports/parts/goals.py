"""The goals part: perspectives, council goals, committee goals, indicators and assignments."""

from __future__ import annotations

from uppsikt.domain.assignments import Assignment, Origin
from uppsikt.domain.formatting import format_number
from uppsikt.domain.goals import CommitteeGoal
from uppsikt.domain.indicators import Indicator, source_notes
from uppsikt.domain.periods import PeriodKind
from uppsikt.reports.document import Cell, CellKind, Paragraph, Run, Section, Style, Table, TableRow
from uppsikt.reports.parts.common import ReportInput, comment, number, status_of, text

YEARS_SHOWN = 3
COUNCIL_PREFIX = (
    "Från Kommunfullmäktige "  # how the reference report marks the council's assignments
)


def _value(indicator: Indicator, year: int) -> str:
    if year not in indicator.years():
        return ""
    value = indicator.value(year)
    return "-" if value is None else format_number(value, indicator.decimals)


def indicator_table(source: ReportInput, goal: CommitteeGoal, index: int) -> Table:
    """The goal's indicators: values for three years, targets, and attainment when assessed."""
    year = source.context.period.key.year
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    long_term_year = next((i.long_term.year for i in goal.indicators if i.long_term), year)
    assessed = source.context.period.key.kind in {PeriodKind.INTERIM_2, PeriodKind.ANNUAL}
    header = [
        text("Indikatorer"),
        *(text(str(item)) for item in years),
        text("Etappmål"),
        text(f"Målvärde {long_term_year}"),
    ]
    if assessed:
        header.append(text("Etappmålet nås"))
    rows = []
    for indicator in goal.indicators:
        cells = [
            text(indicator.name),
            *(number(_value(indicator, item)) for item in years),
            number(indicator.milestone.text if indicator.milestone else ""),
            number(indicator.long_term.text if indicator.long_term else ""),
        ]
        if assessed:
            result = indicator.milestone_attainment()
            cells.append(
                Cell(result.label, CellKind.STATUS, symbol=result.symbol, colour=result.value)
            )
        rows.append(TableRow(tuple(cells)))
    widths = (40, *(9,) * YEARS_SHOWN, 12, 12) + ((14,) if assessed else ())
    return Table(
        f"indikatorer-{index}",
        f"Indikatorer för nämndmålet {goal.name}",
        (tuple(header),),
        tuple(rows),
        widths,
    )


def indicator_sources(source: ReportInput, goal: CommitteeGoal) -> list[Paragraph]:
    """Where the values in the goal's indicator table came from: `Källa: Kolada, hämtad …`.

    One paragraph per source, naming the indicators when not all of them have it.
    """
    year = source.context.period.key.year
    years = range(year - YEARS_SHOWN + 1, year + 1)
    named: dict[str, list[str]] = {}
    for indicator in goal.indicators:
        for note in source_notes(item for item in indicator.values if item.year in years):
            named.setdefault(note, []).append(indicator.name)
    return [
        Paragraph.plain(
            f"Källa: {note}."
            if len(names) == len(goal.indicators)
            else f"Källa för {_and(names)}: {note}."
        )
        for note, names in named.items()
    ]


def _and(names: list[str]) -> str:
    return ", ".join(names[:-1]) + " och " + names[-1] if len(names) > 1 else names[0]


def assignment_table(
    source: ReportInput, assignments: list[Assignment], key: str, caption: str
) -> Table | None:
    """Assignments: status by symbol and word, the assignment, the comment."""
    if not assignments:
        return None
    period = source.context.period.key
    vocabulary = source.context.assignment_statuses
    rows = []
    for item in assignments:
        follow_up = item.follow_up(period)
        prefix = COUNCIL_PREFIX if item.origin is Origin.COUNCIL else ""
        rows.append(
            TableRow(
                (
                    status_of(vocabulary, follow_up.status if follow_up else None),
                    text(prefix + item.text),
                    comment(follow_up.comment if follow_up else ""),
                )
            )
        )
    header = (text("Status"), text("Nämndens uppdrag till förvaltning"), text("Kommentar"))
    return Table(key, caption, (header,), tuple(rows), (16, 40, 44))


def _assessment(source: ReportInput, goal: CommitteeGoal) -> list[Paragraph]:
    assessment = goal.assessment(source.context.period.key)
    if assessment is None or assessment.level is None:
        return []
    scale = source.dataset.scale(source.committee.assessment_scale)
    level = scale.get(assessment.level)
    if level is None:
        return []
    found = [Paragraph((Run("Bedömning: ", Style.STRONG), Run(f"{level.symbol} {level.label}")))]
    if assessment.comment:
        found.append(Paragraph.plain(assessment.comment))
    return found


def goal_sections(source: ReportInput) -> tuple[Section, ...]:
    """A section per perspective with its council goals and the committee's goals under them."""
    committee = source.committee
    index = 0
    shown: set[str] = set()
    perspectives = []
    for perspective in source.dataset.perspectives:
        council_sections = []
        for council_goal in perspective.council_goals:
            goal_sections_ = []
            for goal in (
                item for item in committee.goals if item.council_goal == council_goal.code
            ):
                index += 1
                blocks: list[Paragraph | Table] = [*_assessment(source, goal)]
                if goal.indicators:
                    blocks.append(indicator_table(source, goal, index))
                    blocks += indicator_sources(source, goal)
                shown.add(goal.code)
                table = assignment_table(
                    source,
                    [item for item in committee.assignments if item.goal == goal.code],
                    f"uppdrag-{index}",
                    f"Nämndens uppdrag till förvaltningen: {goal.name}",
                )
                if table is not None:
                    blocks.append(table)
                goal_sections_.append(
                    Section(f"mal-{goal.code}", f"Nämndmål: {goal.name}", tuple(blocks))
                )
            if goal_sections_:
                council_sections.append(
                    Section(
                        f"kf-{council_goal.code}",
                        f"Kommunfullmäktigemål: {council_goal.name}",
                        sections=tuple(goal_sections_),
                    )
                )
        if council_sections:
            perspectives.append(
                Section(
                    f"perspektiv-{perspective.code}",
                    perspective.name,
                    sections=tuple(council_sections),
                )
            )
    others = assignment_table(
        source,
        [item for item in committee.assignments if item.goal not in shown],
        "uppdrag-ovriga",
        "Nämndens uppdrag till förvaltningen utan nämndmål",
    )
    if others is not None:
        perspectives.append(Section("ovriga-uppdrag", "Övriga uppdrag", (others,)))
    return tuple(perspectives)
