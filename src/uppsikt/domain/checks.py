"""Checks: rules over the data and the text that return findings, each with its place.

Every finding has a severity, a stable code, the place it concerns (a table cell, the frame, a
text section, an item) and, where it compares, what was expected and what was found. Errors
are contradictions; warnings are gaps or likely mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from uppsikt.domain.assignments import FollowedUp
from uppsikt.domain.claims import agrees, stated_in, typed_counts
from uppsikt.domain.economy.money import Amount
from uppsikt.domain.economy.tables import (
    ColumnKind,
    ComputedTable,
    RowKind,
    Span,
    TableRole,
)
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.formatting import format_number, round_half_up
from uppsikt.domain.narratives import Figure, check, missing_figures, render_figure
from uppsikt.domain.problems import Severity
from uppsikt.domain.vocabularies import StatusOutcome, StatusVocabulary


@dataclass(frozen=True, slots=True)
class Place:
    """What a finding is about: a table's row and column, the frame, a text, an item."""

    kind: str  # table, frame, narrative, assignment, risk_action, audit_action, control
    key: str
    row: str = ""
    column: str = ""

    def __str__(self) -> str:
        parts = [self.kind, self.key, self.row, self.column]
        return "/".join(part for part in parts if part)


CODES = {
    "table.stated-mismatch": "a stated total, subtotal, deviation or percentage is not what the table's figures give",
    "table.stated-without-data": "a figure is stated where the data to compute it is missing",
    "frame.stated-mismatch": "the stated adjusted frame is not the council's frame plus the adjustments",
    "frame.budget-mismatch": "the result table's full-year budget is not the adjusted frame",
    "economy.missing-forecast": "a data row has no full-year forecast",
    "economy.missing-comment": "a result row's forecast deviates materially from budget without a comment",
    "followup.missing-status": "an assignment, action or control has no status for the period",
    "followup.missing-comment": "an item that is not done has no comment",
    "narrative.unknown-figure": "a text cites a live figure that does not exist, or is malformed",
    "narrative.missing-data": "a text cites a live figure whose data is missing",
    "narrative.typed-count": "a text types a count the data contradicts, where a live figure belongs",
    "narrative.stated-figure-mismatch": "a written wording of a text states another figure than the data",
    "narrative.unknown-section": "a written wording names a text section that does not exist",
    "report.narrative-not-shown": "a text written for the period is in no section of the report's structure",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found; its `code` is one of `CODES` and never changes meaning."""

    severity: Severity
    code: str
    place: Place
    message: str
    expected: str = ""
    found: str = ""

    def __post_init__(self) -> None:
        assert self.code in CODES, f"undocumented finding code {self.code}"

    def as_dict(self) -> dict[str, str]:
        """The finding as plain data, e.g. for JSON."""
        return {
            "severity": self.severity.value,
            "code": self.code,
            "place": str(self.place),
            "kind": self.place.kind,
            "key": self.place.key,
            "row": self.place.row,
            "column": self.place.column,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
        }


ERROR, WARNING = Severity.ERROR, Severity.WARNING
# A forecast deviation smaller than this share of the row's budget needs no comment.
MATERIALITY = Decimal("0.01")


def _shown(table: ComputedTable, row: str, column: str, value: Decimal) -> str:
    spec = table.table.column(column)
    if spec.is_percentage or table.table.row(row).kind is RowKind.CHANGE:
        return format_number(round_half_up(value, table.table.percent_decimals(spec)))
    return format_number(
        table.table.unit.rounded(value * table.table.costs.factor, table.table.decimals),
        table.table.decimals,
    )


def table_checks(context: FigureContext) -> Iterable[Finding]:
    """Stated totals, subtotals, deviations and percentages that the data does not give."""
    for key, computed in context.tables.items():
        table = computed.table
        for (row, column), cell in computed.cells.items():
            if cell.is_input or not isinstance(cell.stated, Decimal):
                continue
            spec = table.column(column)
            percent = spec.is_percentage or table.row(row).kind is RowKind.CHANGE
            half_step = (
                Decimal(1).scaleb(-table.percent_decimals(spec)) / 2 if percent else table.half_step
            )
            amount = cell.amount
            if amount is None:
                yield Finding(
                    WARNING,
                    "table.stated-without-data",
                    Place("table", key, row, column),
                    f"{table.title}: en siffra är angiven där data saknas för att räkna den",
                    found=_shown(computed, row, column, cell.stated),
                )
            elif not amount.agrees_with(cell.stated, half_step):
                yield Finding(
                    ERROR,
                    "table.stated-mismatch",
                    Place("table", key, row, column),
                    f"{table.title}: {table.row(row).label}, {spec.label} stämmer inte med det"
                    " som räknas fram ur tabellens övriga värden",
                    expected=_shown(computed, row, column, amount.value),
                    found=_shown(computed, row, column, cell.stated),
                )


def _in_unit(figure_value: Decimal, context: FigureContext) -> str:
    frame = context.committee.economy.frame
    assert frame is not None
    return format_number(frame.unit.rounded(figure_value, frame.decimals), frame.decimals)


def frame_checks(context: FigureContext) -> Iterable[Finding]:
    """The stated adjusted frame, and the result table's budget, against the computed frame."""
    frame = context.committee.economy.frame
    if frame is None:
        return
    adjusted = frame.adjusted(context.period.closing_date)
    if frame.stated is not None and not adjusted.agrees_with(frame.stated, frame.half_step):
        yield Finding(
            ERROR,
            "frame.stated-mismatch",
            Place("frame", "adjusted"),
            "den angivna justerade budgetramen är inte ramen plus justeringarna",
            expected=_in_unit(adjusted.value, context),
            found=_in_unit(frame.stated, context),
        )
    result = context.committee.economy.with_role(TableRole.RESULT)
    if result is None:
        return
    computed = context.tables[result.key]
    total = next((row for row in result.rows if row.kind is RowKind.TOTAL), None)
    budget = next(
        (c for c in result.columns if c.kind is ColumnKind.BUDGET and c.span is Span.YEAR), None
    )
    amount = computed.amount(total.key, budget.key) if total and budget else None
    if amount is None:
        return
    net_cost = Amount(-amount.value, amount.error)
    if not (adjusted - net_cost).agrees_with(Decimal(0), Decimal(0)):
        yield Finding(
            ERROR,
            "frame.budget-mismatch",
            Place("table", result.key, total.key if total else "", budget.key if budget else ""),
            "resultatets budget är inte lika med den justerade budgetramen",
            expected=_in_unit(adjusted.value, context),
            found=_in_unit(net_cost.value, context),
        )


def forecast_checks(context: FigureContext) -> Iterable[Finding]:
    """Data rows without a forecast, and deviating result rows without a comment."""
    for key, computed in context.tables.items():
        table = computed.table
        forecasts = [
            c for c in table.columns if c.kind is ColumnKind.FORECAST and c.year_offset == 0
        ]
        budgets = [c for c in table.columns if c.kind is ColumnKind.BUDGET and c.span is Span.YEAR]
        for item in table.placed():
            row = item.row
            if row.kind is not RowKind.DATA or row.sums_its_rows:
                continue
            for column in forecasts:
                if computed.amount(row.key, column.key) is None:
                    yield Finding(
                        ERROR,
                        "economy.missing-forecast",
                        Place("table", key, row.key, column.key),
                        f"{table.title}: {row.label} saknar prognos",
                    )
            if table.role is not TableRole.RESULT or not forecasts or not budgets:
                continue
            forecast = computed.amount(row.key, forecasts[0].key)
            budget = computed.amount(row.key, budgets[0].key)
            if forecast is None or budget is None or row.key in computed.comments:
                continue
            deviation = forecast - budget
            material = max(
                deviation.error + table.unit.step(table.decimals),
                abs(budget.value) * MATERIALITY,
            )
            if abs(deviation.value) > material:
                yield Finding(
                    WARNING,
                    "economy.missing-comment",
                    Place("table", key, row.key, forecasts[0].key),
                    f"{table.title}: {row.label} avviker med"
                    f" {_shown(computed, row.key, forecasts[0].key, deviation.value)}"
                    f" {table.unit.value} från budget men saknar kommentar",
                )


def _follow_up_findings(
    kind: str,
    items: Iterable[tuple[str, FollowedUp]],
    vocabulary: StatusVocabulary,
    context: FigureContext,
) -> Iterable[Finding]:
    for code, item in items:
        follow_up = item.follow_up(context.period.key)
        status = vocabulary.get(follow_up.status) if follow_up and follow_up.status else None
        if status is None:
            yield Finding(ERROR, "followup.missing-status", Place(kind, code), "status saknas")
        elif status.outcome is not StatusOutcome.DONE and not (follow_up and follow_up.comment):
            yield Finding(
                WARNING,
                "followup.missing-comment",
                Place(kind, code),
                f"kommentar saknas till status ”{status.label}”",
            )


def follow_up_checks(context: FigureContext) -> Iterable[Finding]:
    """Assignments, actions and controls without a status, or unfinished ones without comment."""
    committee = context.committee
    plan = committee.internal_control
    yield from _follow_up_findings(
        "assignment",
        [(item.code, item) for item in committee.assignments],
        context.assignment_statuses,
        context,
    )
    for kind, items in (
        ("risk_action", plan.risk_actions),
        ("audit_action", plan.audit_actions),
        ("control", plan.controls),
    ):
        yield from _follow_up_findings(
            kind, [(item.code, item) for item in items], context.control_statuses, context
        )


def _sections(context: FigureContext) -> Iterable[tuple[str, str]]:
    for top in context.committee.narratives_for(context.period.key):
        for section in top.walk():
            yield section.key, section.body


def narrative_checks(context: FigureContext, figures: Mapping[str, Figure]) -> Iterable[Finding]:
    """Texts that cannot render, cite figures without data, or type counts the data contradicts."""
    for key, body in _sections(context):
        for problem in check(body, figures):
            yield Finding(
                ERROR, "narrative.unknown-figure", Place("narrative", key), problem.message
            )
        for name in missing_figures(body, figures):
            yield Finding(
                WARNING,
                "narrative.missing-data",
                Place("narrative", key),
                f"{{{name}}} saknar data och visas som –",
            )
        for count in typed_counts(body):
            figure = figures.get(count.claim.figure)
            if figure is None or figure.value is None or agrees(figure, (), count.typed):
                continue
            yield Finding(
                WARNING,
                "narrative.typed-count",
                Place("narrative", key),
                f"rad {count.line}: inskriven siffra motsäger data; skriv {{{count.claim.figure}}}",
                expected=render_figure(figure, ()),
                found=count.typed,
            )


def report_checks(context: FigureContext) -> Iterable[Finding]:
    """Texts written for the period that the report's structure leaves out."""
    template = context.committee.report_template(context.period.key)
    shown = {item.narrative for top in template.sections for item in top.walk()}
    for key, body in _sections(context):
        if body.strip() and key not in shown:
            yield Finding(
                WARNING,
                "report.narrative-not-shown",
                Place("narrative", key),
                "texten finns inte med i rapporten; lägg till den i rapportens struktur",
            )


def typed_text_checks(
    context: FigureContext, figures: Mapping[str, Figure], typed: Mapping[str, str]
) -> Iterable[Finding]:
    """Figures in typed wordings of sections (key → text) that differ from the data."""
    templates = dict(_sections(context))
    for key, text in typed.items():
        template = templates.get(key)
        if template is None:
            yield Finding(
                ERROR,
                "narrative.unknown-section",
                Place("narrative", key),
                "inget sådant textavsnitt",
            )
            continue
        for stated in stated_in(template, text):
            name, filters = stated.placeholder.name, stated.placeholder.filters
            figure = figures.get(name)
            if figure is None or agrees(figure, filters, stated.typed):
                continue
            yield Finding(
                ERROR,
                "narrative.stated-figure-mismatch",
                Place("narrative", key),
                f"den skrivna texten anger en annan siffra än data ({{{name}}})",
                expected=render_figure(figure, filters),
                found=stated.typed,
            )


Check = Callable[[FigureContext], Iterable[Finding]]
CHECKS: list[Check] = [
    table_checks,
    frame_checks,
    forecast_checks,
    follow_up_checks,
    report_checks,
]


def run_checks(context: FigureContext, typed: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding for a committee's period, errors first; `typed` compares written wordings."""
    figures = live_figures(context)
    findings = [finding for rule in CHECKS for finding in rule(context)]
    findings += narrative_checks(context, figures)
    findings += typed_text_checks(context, figures, typed or {})
    return sorted(findings, key=lambda item: item.severity is not ERROR)
