"""The data of the overview pages, computed from domain records and formatted in Swedish."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.safestring import SafeString

from uppsikt.apps.datasets.services import context_of, dataset_from_db
from uppsikt.apps.display import IndicatorRow, StatusCell, indicator_row
from uppsikt.apps.kept import Kept
from uppsikt.apps.narratives.rendering import render_markdown, render_narrative
from uppsikt.apps.periods import models as periods
from uppsikt.apps.periods.models import Year
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
from uppsikt.domain.assignments import FollowedUp, statuses_in
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.economy.frame import BudgetFrame
from uppsikt.domain.economy.tables import ColumnKind, ComputedTable
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.formatting import format_date, format_number
from uppsikt.domain.indicators import Gender
from uppsikt.domain.internal_control import AuditFinding
from uppsikt.domain.narratives import Figure, Narrative, render_figure
from uppsikt.domain.periods import PeriodKey, ReportingPeriod
from uppsikt.domain.vocabularies import StatusVocabulary, count_outcomes


def years_with_periods(user: User) -> list[Year]:
    """The years of the committees `user` may see, with their periods, for the start page."""
    visible = periods.CommitteeYear.objects.for_user(user, Action.VIEW).select_related("committee")
    return list(
        Year.objects.filter(committee_years__in=visible)
        .distinct()
        .select_related("municipality")
        .prefetch_related("periods__year", Prefetch("committee_years", queryset=visible))
        .order_by("municipality__name", "-year")
    )


@dataclass(frozen=True)
class ItemRow:
    """An assignment, action or control with its status and comment for the period."""

    code: str
    text: str
    status: StatusCell
    comment: SafeString
    detail: str = ""


@dataclass
class GoalBlock:
    """A committee goal with its indicators and assignments."""

    name: str
    code: str
    indicators: list[IndicatorRow] = field(default_factory=list)
    assignments: list[ItemRow] = field(default_factory=list)


@dataclass
class CouncilGoalBlock:
    """A council goal with the committee's goals under it."""

    name: str
    goals: list[GoalBlock] = field(default_factory=list)


@dataclass
class PerspectiveBlock:
    """A perspective with its council goals."""

    name: str
    council_goals: list[CouncilGoalBlock] = field(default_factory=list)


@dataclass(frozen=True)
class NarrativeBlock:
    """A text section rendered to HTML, with its sub-sections."""

    key: str
    title: str
    html: SafeString
    depth: int
    sections: list[NarrativeBlock]


@dataclass(frozen=True)
class CountRow:
    """How many items have one status."""

    status: StatusCell
    count: int


@dataclass(frozen=True)
class TableLine:
    """A row of a financial table as shown: its label, depth and cell texts."""

    label: str
    depth: int
    kind: str
    cells: list[str]


@dataclass(frozen=True)
class TableView:
    """A financial table as shown: headings over column groups, column labels, lines."""

    key: str
    title: str
    unit: str
    groups: list[tuple[str, int]]
    columns: list[str]
    lines: list[TableLine]


@dataclass(frozen=True)
class FrameView:
    """The budget frame as shown."""

    unit: str
    parts: list[tuple[str, str]]
    adjustments: list[tuple[str, str, str]]
    adjusted: str


@dataclass(frozen=True)
class Progress:
    """How many of a period's items are done, e.g. assignments with a status."""

    label: str
    done: int
    total: int


@dataclass(frozen=True)
class StatusSpread:
    """How many items of each kind have each status: a row per status, a column per kind."""

    kinds: list[str]
    rows: list[tuple[StatusCell, list[int]]]

    @property
    def totals(self) -> list[int]:
        """Every kind's number of items."""
        return [sum(counts[index] for _, counts in self.rows) for index in range(len(self.kinds))]


@dataclass(frozen=True)
class KeyFigure:
    """An economy key figure as shown, with its unit."""

    label: str
    value: str


# The economy's key figures on the overview, in order; those the data lacks are left out.
KEY_FIGURES = (
    "economy.frame.adjusted",
    "economy.result.budget",
    "economy.result.forecast",
    "economy.result.forecast_deviation",
    "economy.result.forecast_deviation_pct",
    "economy.result.period_outcome",
    "economy.result.period_deviation",
    "economy.investments.forecast",
)


@dataclass
class CommitteePeriodPage:
    """Everything the committee-period overview shows."""

    municipality: str
    committee: str
    period: ReportingPeriod
    closing_date: str
    years: list[int]
    perspectives: list[PerspectiveBlock]
    assignment_counts: list[CountRow]
    risk_actions: list[ItemRow]
    audit_actions: list[ItemRow]
    controls: list[ItemRow]
    headcount: list[tuple[str, str]]
    narratives: list[NarrativeBlock]
    progress: list[Progress]
    control_spread: StatusSpread
    key_figures: list[KeyFigure]
    frame: FrameView | None
    tables: list[TableView]


# The overviews built last, kept while the data is unchanged (`apps.kept`).
_pages: Kept[tuple[str, str, PeriodKey], CommitteePeriodPage | None] = Kept(16)


def committee_period_page(
    kolada_id: str, committee: str, period: PeriodKey
) -> CommitteePeriodPage | None:
    """The overview of a committee's period, None when there is no such committee or period."""
    return _pages.get((kolada_id, committee, period), lambda: _page(kolada_id, committee, period))


def _page(kolada_id: str, committee: str, period: PeriodKey) -> CommitteePeriodPage | None:
    year = (
        Year.objects.select_related("municipality")
        .filter(municipality__kolada_id=kolada_id, year=period.year)
        .first()
    )
    if year is None or not year.committee_years.filter(committee__code=committee).exists():
        return None
    dataset = dataset_from_db(year, (committee,))
    if not any(item.key == period for item in dataset.periods):
        return None
    return build_page(dataset, context_of(dataset, year, committee, period))


Item = tuple[str, str, str, FollowedUp]  # code, text, detail, the followed-up record


def _item_rows(items: list[Item], vocabulary: StatusVocabulary, period: PeriodKey) -> list[ItemRow]:
    rows = []
    for code, text, detail, item in items:
        follow_up = item.follow_up(period)
        status = vocabulary.get(follow_up.status) if follow_up and follow_up.status else None
        rows.append(
            ItemRow(
                code=code,
                text=text,
                status=StatusCell.of(status),
                comment=render_markdown(follow_up.comment if follow_up else ""),
                detail=detail,
            )
        )
    return rows


def _counts(
    vocabulary: StatusVocabulary, items: list[FollowedUp], period: PeriodKey
) -> list[CountRow]:
    codes = [item.status(period) for item in items]
    rows = [
        CountRow(StatusCell.of(status), codes.count(status.code)) for status in vocabulary.statuses
    ]
    missing = count_outcomes(vocabulary, codes).missing
    if missing:
        rows.append(CountRow(StatusCell.of(None), missing))
    return rows


def _spread(
    vocabulary: StatusVocabulary, kinds: dict[str, list[FollowedUp]], period: PeriodKey
) -> StatusSpread:
    codes = {kind: statuses_in(items, period) for kind, items in kinds.items()}
    rows = [
        (StatusCell.of(status), [found.count(status.code) for found in codes.values()])
        for status in vocabulary.statuses
    ]
    missing = [count_outcomes(vocabulary, found).missing for found in codes.values()]
    if any(missing):
        rows.append((StatusCell.of(None), missing))
    return StatusSpread(list(kinds), rows)


def _updated(label: str, items: list[FollowedUp], period: PeriodKey) -> Progress:
    """How many items have a status for the period."""
    codes = statuses_in(items, period)
    return Progress(label, sum(code is not None for code in codes), len(codes))


def _key_figures(figures: dict[str, Figure]) -> list[KeyFigure]:
    shown = []
    for name in KEY_FIGURES:
        figure = figures.get(name)
        if figure is None or figure.value is None:
            continue
        unit = figure.unit.value if figure.unit else "procent" if name.endswith("_pct") else ""
        label = figure.description[:1].upper() + figure.description[1:]
        shown.append(KeyFigure(label, f"{render_figure(figure, ())} {unit}".strip()))
    return shown


def _narrative_block(item: Narrative, figures: dict[str, Figure], depth: int) -> NarrativeBlock:
    return NarrativeBlock(
        key=item.key,
        title=item.title,
        html=render_narrative(item.body, figures),
        depth=min(depth, 6),
        sections=[_narrative_block(section, figures, depth + 1) for section in item.sections],
    )


def _table_view(computed: ComputedTable, goals: dict[str, str]) -> TableView:
    table = computed.table
    groups: list[tuple[str, int]] = []
    for column in table.columns:
        label = next((g.label for g in table.column_groups if g.key == column.group), "")
        if groups and groups[-1][0] == label:
            groups[-1] = (label, groups[-1][1] + 1)
        else:
            groups.append((label, 1))
    lines = []
    for placed in table.placed():
        row = placed.row
        cells = [
            goals.get(text, text) if column.kind is ColumnKind.GOAL else text
            for column in table.columns
            for text in [computed.text(row.key, column.key)]
        ]
        lines.append(TableLine(row.label, placed.depth, row.kind.value, cells))
    return TableView(
        key=table.key,
        title=table.title,
        unit=table.unit.value,
        groups=groups if any(label for label, _ in groups) else [],
        columns=[column.label for column in table.columns],
        lines=lines,
    )


def _frame_view(frame: BudgetFrame | None, closing: date) -> FrameView | None:
    if frame is None:
        return None

    def shown(kronor: Decimal) -> str:
        return format_number(frame.unit.rounded(kronor, frame.decimals), frame.decimals)

    return FrameView(
        unit=frame.unit.value,
        parts=[(part.text, shown(part.amount)) for part in frame.council],
        adjustments=[
            (
                format_date(item.date) if item.date else "",
                f"{item.body}: {item.text}",
                shown(item.amount),
            )
            for item in frame.adjustments
            if item.decided_by(closing)
        ],
        adjusted=shown(frame.adjusted(closing).value),
    )


def build_page(dataset: Dataset, context: FigureContext) -> CommitteePeriodPage:
    """Assemble the page from a committee's period of a dataset."""
    year: CommitteeYear = context.committee
    period = context.period.key
    figures = live_figures(context)
    statuses = context.assignment_statuses
    control_statuses = context.control_statuses
    years = [period.year - 2, period.year - 1, period.year]

    goals_by_council: dict[str, list[GoalBlock]] = {}
    for goal in year.goals:
        block = GoalBlock(goal.name, goal.code)
        block.indicators = [indicator_row(item, years, period.year) for item in goal.indicators]
        block.assignments = _item_rows(
            [
                (item.code, item.text, "", item)
                for item in year.assignments
                if item.goal == goal.code
            ],
            statuses,
            period,
        )
        goals_by_council.setdefault(goal.council_goal, []).append(block)
    perspectives = []
    for perspective in dataset.perspectives:
        block_p = PerspectiveBlock(perspective.name)
        for council_goal in perspective.council_goals:
            if council_goal.code in goals_by_council:
                block_p.council_goals.append(
                    CouncilGoalBlock(council_goal.name, goals_by_council[council_goal.code])
                )
        if block_p.council_goals:
            perspectives.append(block_p)

    plan = year.internal_control
    processes = {item.code: item.name for item in plan.processes}
    risk_actions: list[Item] = [
        (action.code, action.text, f"{processes.get(risk.process, '')}: {risk.description}", action)
        for risk in plan.risks
        for action in risk.actions
    ]
    audit_actions: list[Item] = [
        (action.code, action.text, _finding_title(finding), action)
        for finding in plan.audit_findings
        for action in finding.actions
    ]
    controls: list[Item] = [
        (item.code, item.text, _control_detail(processes.get(item.process, ""), item.purpose), item)
        for item in plan.controls
    ]
    closing = context.period.closing_date
    sections = [section for item in year.narratives_for(period) for section in item.walk()]
    control_kinds: dict[str, list[FollowedUp]] = {
        "Riskåtgärder": list(plan.risk_actions),
        "Granskningsåtgärder": list(plan.audit_actions),
        "Kontroller": list(plan.controls),
    }
    return CommitteePeriodPage(
        municipality=dataset.municipality.name,
        committee=year.committee.name,
        period=context.period,
        closing_date=format_date(closing),
        years=years,
        perspectives=perspectives,
        assignment_counts=_counts(statuses, list(year.assignments), period),
        risk_actions=_item_rows(risk_actions, control_statuses, period),
        audit_actions=_item_rows(audit_actions, control_statuses, period),
        controls=_item_rows(controls, control_statuses, period),
        headcount=[
            (format_date(item.date), format_number(Decimal(item.count)))
            for item in year.personnel.headcount
            if item.unit is None and item.gender is Gender.TOTAL
        ],
        narratives=[_narrative_block(item, figures, 3) for item in year.narratives_for(period)],
        progress=[
            _updated("Uppdrag med status för perioden", list(year.assignments), period),
            _updated(
                "Intern kontroll med status för perioden",
                [item for items in control_kinds.values() for item in items],
                period,
            ),
            Progress(
                "Textavsnitt klarmarkerade",
                sum(not section.draft for section in sections),
                len(sections),
            ),
        ],
        control_spread=_spread(control_statuses, control_kinds, period),
        key_figures=_key_figures(figures),
        frame=_frame_view(year.economy.frame, closing),
        tables=[
            _table_view(computed, {goal.code: goal.name for goal in year.goals})
            for computed in context.tables.values()
        ],
    )


def _finding_title(finding: AuditFinding) -> str:
    reference = f" (diarienummer {finding.case_reference})" if finding.case_reference else ""
    return f"{finding.title}{reference}"


def _control_detail(process: str, purpose: str) -> str:
    return f"{process}. Varför görs kontrollen? {purpose}" if purpose else process
