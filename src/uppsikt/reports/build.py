"""From a committee's period to its report: the template's sections filled from the data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from itertools import count

from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.formatting import format_date
from uppsikt.domain.narratives import Narrative, UnresolvedError, resolve
from uppsikt.domain.periods import PeriodKind, ReportingPeriod
from uppsikt.domain.report_template import Part, TemplateSection
from uppsikt.reports.document import Block, Meta, ReportDocument, Section
from uppsikt.reports.markdown import blocks
from uppsikt.reports.parts.common import ReportInput
from uppsikt.reports.parts.economy import (
    financial_table,
    forecast_chart,
    frame_table,
    row_comments,
)
from uppsikt.reports.parts.goals import goal_sections
from uppsikt.reports.parts.internal_control import internal_control_tables
from uppsikt.reports.parts.personnel import headcount_table, sick_leave_charts

REPORT_KINDS = {
    PeriodKind.PLAN: "Verksamhetsplan",
    PeriodKind.INTERIM_1: "Delårsrapport",
    PeriodKind.INTERIM_2: "Delårsrapport",
    PeriodKind.ANNUAL: "Verksamhetsberättelse",
    PeriodKind.MONTH: "Månadsrapport",
}


class ReportError(ValueError):
    """The report cannot be built: its texts cite figures that do not resolve."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "Rapporten kan inte byggas: "
            + "; ".join(problems)
            + ". Kommandot uppsikt check visar alla fel med plats."
        )
        self.problems = problems


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "avsnitt"


class _Builder:
    """Fills the template's sections; keys are made unique in reading order."""

    def __init__(self, source: ReportInput) -> None:
        self.source = source
        period = source.context.period.key
        self.narratives: dict[str, Narrative] = {
            item.key: item for top in source.committee.narratives_for(period) for item in top.walk()
        }
        self.used: set[str] = set()
        self.numbers = count(1)
        self.problems: list[str] = []

    def key(self, wanted: str) -> str:
        key = wanted
        while key in self.used:
            key = f"{wanted}-{next(self.numbers)}"
        self.used.add(key)
        return key

    def section(self, item: TemplateSection) -> Section:
        narrative = self.narratives.get(item.narrative) if item.narrative else None
        title = item.title or (narrative.title if narrative else "")
        text: list[Block] = []
        if narrative is not None and narrative.body:
            text = self.text(narrative)
        part = self.part(item)
        found = [*part, *text] if item.part_first else [*text, *part]
        children = [self.section(child) for child in item.sections]
        if item.part is Part.GOALS:
            children = [*goal_sections(self.source), *children]
        wanted = item.narrative or "-".join(
            filter(None, [item.part.value if item.part else "", item.table or "", _slug(title)])
        )
        return Section(self.key(wanted), title, tuple(found), tuple(children), item.appendix)

    def text(self, narrative: Narrative) -> list[Block]:
        try:
            return list(blocks(resolve(narrative.body, self.source.figures)))
        except UnresolvedError as error:
            self.problems += [
                f"textavsnittet '{narrative.key}' rad {problem.line}: {problem.message}"
                for problem in error.problems
            ]
            return []

    def part(self, item: TemplateSection) -> list[Block]:
        return list(PARTS[item.part](self.source, item)) if item.part in PARTS else []


def _table(source: ReportInput, item: TemplateSection) -> list[Block]:
    if item.table not in source.context.tables:
        return []
    return [financial_table(source, item.table), *row_comments(source, item.table)]


def _forecast(source: ReportInput, item: TemplateSection) -> list[Block]:
    figure = forecast_chart(source, item.table) if item.table in source.context.tables else None
    return [figure] if figure else []


def _frame(source: ReportInput, item: TemplateSection) -> list[Block]:
    frame = source.committee.economy.frame
    return [frame_table(frame, source.context.period.closing_date)] if frame else []


def _personnel(source: ReportInput, item: TemplateSection) -> list[Block]:
    table = headcount_table(source)
    return [table] if table else []


PARTS: dict[Part | None, Callable[[ReportInput, TemplateSection], Iterable[Block]]] = {
    Part.TABLE: _table,
    Part.FORECAST_CHART: _forecast,
    Part.FRAME: _frame,
    Part.PERSONNEL: _personnel,
    Part.SICK_LEAVE_CHART: lambda source, _: sick_leave_charts(source),
    Part.INTERNAL_CONTROL: lambda source, _: internal_control_tables(source),
}


def _covered(period: ReportingPeriod) -> str:
    """The time the report covers: the year so far, the whole year for a plan."""
    if period.key.kind is PeriodKind.MONTH:
        return format_date(period.closing_date)
    until = date(period.key.year, 12, 31) if period.key.kind is PeriodKind.PLAN else None
    return f"1 januari – {format_date(until or period.closing_date)}"


def build_report(dataset: Dataset, context: FigureContext) -> ReportDocument:
    """The committee's report for the context's period, following its report template.

    Raises ReportError naming every text whose live figures do not resolve.
    """
    source = ReportInput(dataset, context)
    committee = context.committee
    period = context.period
    template = committee.report_template(period.key)
    builder = _Builder(source)
    sections = [builder.section(item) for item in template.sections if not item.appendix]
    appendices = [builder.section(item) for item in template.sections if item.appendix]
    if builder.problems:
        raise ReportError(builder.problems)
    state = next((item for item in committee.periods if item.period == period.key), None)
    decision = state.decision if state else None
    title = (
        period.title
        if str(period.key.year) in period.title
        else f"{period.title} {period.key.year}"
    )
    meta = Meta(
        title=title,
        municipality=dataset.municipality.name,
        committee=committee.committee.name,
        report_kind=REPORT_KINDS[period.key.kind],
        period=_covered(period),
        date=format_date(decision.date) if decision else "",
        case_reference=decision.case_reference if decision else "",
        paragraph=decision.paragraph if decision else "",
    )
    return ReportDocument(meta, tuple(sections + appendices))
