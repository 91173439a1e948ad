"""Reading a committee: its units, periods, goals with indicators, and assignments."""

from __future__ import annotations

from decimal import Decimal

import yaml

from uppsikt.domain.assignments import Assignment, Origin
from uppsikt.domain.dataset import CommitteeYear
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.figures import figure_names
from uppsikt.domain.goals import CommitteeGoal, GoalAssessment
from uppsikt.domain.indicators import (
    Comparator,
    Gender,
    Indicator,
    IndicatorValue,
    PeriodText,
    Polarity,
    Source,
    Target,
    canonical_order,
)
from uppsikt.domain.internal_control import InternalControl, RiskMatrix
from uppsikt.domain.organisation import Committee, OrgUnit, UnitKind, units_in_cycles
from uppsikt.domain.periods import CommitteePeriod, Decision, PeriodState
from uppsikt.domain.personnel import Personnel
from uppsikt.domain.report_template import PARTS_WITH_TABLE, Part, ReportTemplate, TemplateSection
from uppsikt.domain.vocabularies import StatusVocabulary
from uppsikt.importers.dataset.economy import EconomyReader
from uppsikt.importers.dataset.followup import FollowUpReader
from uppsikt.importers.dataset.nodes import At, Record, mapping_entries, read_decimal
from uppsikt.importers.dataset.reading import keep_valid


class CommitteeReader(FollowUpReader, EconomyReader):
    """Reads one committee's year."""

    def committee(
        self, at: At, vocabularies: tuple[StatusVocabulary, ...], matrix: RiskMatrix | None
    ) -> CommitteeYear | None:
        """A committee's year."""
        rec = self.record(at, "committee")
        code = rec.text("code")
        self.define("committee", code, rec)
        scope = f"{code}:"
        assignment_statuses = rec.text("assignment_statuses")
        control_statuses = rec.text("control_statuses")
        scale = rec.text("assessment_scale")
        self.refer("vocabulary", assignment_statuses, rec, "assignment_statuses")
        self.refer("vocabulary", control_statuses, rec, "control_statuses")
        self.refer("scale", scale, rec, "assessment_scale")

        units = self.units(rec.items("units"), None, scope)
        cycles = units_in_cycles(units)
        if cycles:
            rec.fail("units", f"enheterna {', '.join(sorted(cycles))} ligger under sig själva")
        periods = keep_valid(
            [
                self.committee_period(key, key_at, value)
                for key, key_at, value in rec.entries("periods")
            ]
        )
        goals = keep_valid([self.goal(item, scope, scale) for item in rec.items("goals")])
        assignments = keep_valid(
            [self.assignment(item, scope, assignment_statuses) for item in rec.items("assignments")]
        )
        control_at = rec.get("internal_control")
        internal_control = (
            self.internal_control(control_at, scope, control_statuses, matrix)
            if control_at
            else InternalControl()
        )
        personnel_at = rec.get("personnel")
        personnel = self.personnel(personnel_at, scope) if personnel_at else Personnel()
        economy_at = rec.get("economy")
        economy = self.economy(economy_at, scope) if economy_at else Economy()
        known = figure_names(
            _vocabulary(vocabularies, assignment_statuses),
            _vocabulary(vocabularies, control_statuses),
            economy or Economy(),
        )
        narrative_list = self.narratives(rec, scope, known)
        reports = self.reports(rec, scope, economy or Economy())
        if rec.failed or internal_control is None or personnel is None or economy is None:
            return None
        return CommitteeYear(
            committee=Committee(code, rec.text("name")),
            assignment_statuses=assignment_statuses,
            control_statuses=control_statuses,
            assessment_scale=scale,
            units=units,
            periods=periods,
            goals=goals,
            assignments=assignments,
            internal_control=internal_control,
            personnel=personnel,
            narratives=narrative_list,
            economy=economy,
            reports=reports,
        )

    def reports(self, rec: Record, scope: str, economy: Economy) -> tuple[ReportTemplate, ...]:
        """The report structure per period."""
        found = []
        for key, key_at, at in rec.entries("report"):
            period = self.period_key(key, key_at)
            if period is None:  # reported; its sections are not read against a period
                rec.failed = True
                continue
            if not isinstance(at.node, yaml.SequenceNode):
                self.source.problem(at, "väntade en lista av rapportavsnitt")
                rec.failed = True
                continue
            items = [at.child(node, index) for index, node in enumerate(at.node.value)]
            shown: dict[str, int] = {}
            sections = keep_valid(
                [
                    self.report_section(item, f"{scope}{period}:", economy, shown, top=True)
                    for item in items
                ]
            )
            if len(sections) == len(items):
                found.append(ReportTemplate(period, sections))
            else:
                rec.failed = True
        return tuple(found)

    def report_section(
        self, at: At, scope: str, economy: Economy, shown: dict[str, int], *, top: bool
    ) -> TemplateSection | None:
        """A section of the report: a narrative, a part, or both, and its sub-sections.

        `shown` holds the parts already in the report, with their lines: each part (each table
        of a table part) is shown once.
        """
        rec = self.record(at, "report_section")
        narrative = rec.optional_text("narrative")
        if narrative:
            self.refer(scope + "narrative", narrative, rec, "narrative")
        part = rec.choice("part", Part) if rec.get("part") is not None else None
        table = rec.optional_text("table")
        if part in PARTS_WITH_TABLE and not table:
            rec.fail("table", f"delen {part} visar en ekonomitabell; ange dess nyckel i 'table'")
        elif table and part not in PARTS_WITH_TABLE:
            rec.fail("table", "bara delarna table och forecast_chart visar en tabell")
        elif table and economy.table(table) is None:
            rec.fail("table", f"okänd tabell '{table}'")
        if part is not None:
            what = f"{part} {table}" if table else str(part)
            if what in shown:
                rec.fail("part", f"delen {what} visas redan i rapporten (rad {shown[what]})")
            shown.setdefault(what, at.line)
        title = rec.text("title")
        if not title and not narrative and part is None:
            rec.fail("title", "ett avsnitt utan textavsnitt eller del behöver en rubrik")
        appendix = self.flag(rec, "appendix", default=False)
        if appendix and not top:
            rec.fail("appendix", "bara ett avsnitt på översta nivån kan vara en bilaga")
        children = keep_valid(
            [
                self.report_section(item, scope, economy, shown, top=False)
                for item in rec.items("sections")
            ]
        )
        result = TemplateSection(
            title=title,
            narrative=narrative or None,
            part=part,
            table=table or None,
            appendix=appendix,
            part_first=self.flag(rec, "part_first", default=False),
            sections=children,
        )
        return None if rec.failed else result

    def units(self, items: list[At], parent: str | None, scope: str) -> tuple[OrgUnit, ...]:
        """A level of the org-unit tree, with the levels below it, parents first."""
        found: list[OrgUnit] = []
        for at in items:
            rec = self.record(at, "unit")
            code = rec.text("code")
            self.define(scope + "unit", code, rec)
            unit = OrgUnit(code, rec.text("name"), rec.choice("kind", UnitKind), parent)
            below = self.units(rec.items("units"), code, scope)
            if not rec.failed:
                found.append(unit)
            found.extend(below)
        return tuple(found)

    def committee_period(self, key: str, key_at: At, at: At) -> CommitteePeriod | None:
        """The committee's state for a period."""
        period = self.period_key(key, key_at)
        rec = self.record(at, "committee_period")
        state = rec.choice("state", PeriodState)
        decision_date = rec.optional_date("decision_date")
        paragraph = rec.text("decision_paragraph")
        reference = rec.text("case_reference")
        if decision_date is None and (paragraph or reference):
            rec.fail(
                "decision_date", "ett beslut med paragraf eller diarienummer behöver ett datum"
            )
        if rec.failed or period is None:
            return None
        decision = Decision(decision_date, paragraph, reference) if decision_date else None
        return CommitteePeriod(period, state, decision)

    def goal(self, at: At, scope: str, scale: str) -> CommitteeGoal | None:
        """A committee goal with its indicators and assessments."""
        rec = self.record(at, "goal")
        code = rec.text("code")
        self.define(scope + "goal", code, rec)
        council_goal = rec.text("council_goal")
        self.refer("council_goal", council_goal, rec, "council_goal")
        indicators = keep_valid([self.indicator(item, scope) for item in rec.items("indicators")])
        assessments = keep_valid(
            [
                self.assessment(key, key_at, value, scale)
                for key, key_at, value in rec.entries("assessments")
            ]
        )
        result = CommitteeGoal(code, rec.text("name"), council_goal, indicators, assessments)
        return None if rec.failed else result

    def assessment(self, key: str, key_at: At, at: At, scale: str) -> GoalAssessment | None:
        """A goal's assessment for a period."""
        period = self.period_key(key, key_at)
        rec = self.record(at, "assessment")
        level = rec.optional_text("level")
        if level:
            self.refer(f"{scale}:level", level, rec, "level")
        if rec.failed or period is None:
            return None
        return GoalAssessment(period, level or None, rec.text("comment"))

    def indicator(self, at: At, scope: str) -> Indicator | None:
        """An indicator."""
        rec = self.record(at, "indicator")
        code = rec.text("code")
        self.define(scope + "indicator", code, rec)
        decimals = rec.integer("decimals")
        if not 0 <= decimals <= 6:
            rec.fail("decimals", f"{decimals} decimaler; välj 0–6")
        source = rec.parsed("source", Source.parse) or Source()
        values = self.indicator_values(rec)
        milestone_at, long_term_at = rec.get("milestone"), rec.get("long_term")
        milestone = self.target(milestone_at) if milestone_at else None
        long_term = self.target(long_term_at) if long_term_at else None
        comments = self.period_texts(rec, "comments")
        if rec.failed or (milestone_at and not milestone) or (long_term_at and not long_term):
            return None
        return Indicator(
            code=code,
            name=rec.text("name"),
            unit=rec.text("unit"),
            decimals=decimals,
            polarity=rec.choice("polarity", Polarity),
            source=source,
            values=values,
            milestone=milestone,
            long_term=long_term,
            comments=comments,
        )

    def indicator_values(self, rec: Record) -> tuple[IndicatorValue, ...]:
        """An indicator's values per year, for the total or split by gender."""
        values: list[IndicatorValue] = []
        for key, key_at, value_at in rec.entries("values"):
            if not key.isdigit() or len(key) != 4:
                rec.source.problem(key_at, f"'{key}' är inget årtal")
                rec.failed = True
                continue
            year = int(key)
            if not self.split_by_gender(value_at):
                values.append(self.indicator_value(value_at, rec, year, Gender.TOTAL))
                continue
            for gender_key, gender_at, gender_value in self.source_entries(value_at, rec):
                try:
                    gender = Gender(gender_key)
                except ValueError:
                    rec.source.problem(
                        gender_at, f"'{gender_key}' är inget kön; skriv T, K eller M"
                    )
                    rec.failed = True
                    continue
                values.append(self.indicator_value(gender_value, rec, year, gender))
        return canonical_order(values)

    @staticmethod
    def split_by_gender(at: At) -> bool:
        """Whether a year's entry is split by gender (a mapping with T, K or M)."""
        if not isinstance(at.node, yaml.MappingNode):
            return False
        return any(str(key.value) in tuple(Gender) for key, _ in at.node.value)

    def indicator_value(self, at: At, rec: Record, year: int, gender: Gender) -> IndicatorValue:
        """A value: a bare number (or null), or with its source and fetch date."""
        if not isinstance(at.node, yaml.MappingNode):
            return IndicatorValue(year, self.value(at, rec), gender)
        item = self.record(at, "indicator_value")
        found = item.get("value")
        value = self.value(found, rec) if found is not None else None
        source, fetched = item.text("source"), item.optional_date("fetched")
        if item.failed:
            rec.failed = True
        return IndicatorValue(year, value, gender, source, fetched)

    def source_entries(self, at: At, rec: Record) -> list[tuple[str, At, At]]:
        """The entries of a mapping inside a record; faults fail the record."""
        before = len(self.source.problems)
        entries = mapping_entries(at, self.source)
        if len(self.source.problems) > before:
            rec.failed = True
        return entries

    def value(self, at: At, rec: Record) -> Decimal | None:
        """An indicator value; null stays missing."""
        if at.is_null:
            return None
        number = read_decimal(at, self.source)
        if number is None:
            rec.failed = True
        return number

    def target(self, at: At) -> Target | None:
        """A milestone or long-term target."""
        rec = self.record(at, "target")
        comparator = rec.parsed("comparator", Comparator.parse)
        result = Target(
            comparator or Comparator.EQ, rec.decimal("value"), rec.integer("year"), rec.text("note")
        )
        return None if rec.failed or comparator is None else result

    def period_texts(self, rec: Record, key: str) -> tuple[PeriodText, ...]:
        """Texts written per period, such as comments."""
        texts: list[PeriodText] = []
        for period_text, key_at, value_at in rec.entries(key):
            period = self.period_key(period_text, key_at)
            if not isinstance(value_at.node, yaml.ScalarNode):
                self.source.problem(value_at, "väntade en text")
                rec.failed = True
            elif period is not None and not value_at.is_null:
                texts.append(PeriodText(period, str(value_at.node.value).strip()))
        return tuple(texts)

    def assignment(self, at: At, scope: str, vocabulary: str) -> Assignment | None:
        """An assignment."""
        rec = self.record(at, "assignment")
        code = rec.text("code")
        self.define(scope + "assignment", code, rec)
        goal = rec.optional_text("goal")
        unit = rec.optional_text("unit")
        if goal:
            self.refer(scope + "goal", goal, rec, "goal")
        if unit:
            self.refer(scope + "unit", unit, rec, "unit")
        result = Assignment(
            code=code,
            text=rec.text("text"),
            origin=rec.choice("origin", Origin),
            goal=goal or None,
            unit=unit or None,
            follow_ups=self.follow_ups(rec, vocabulary),
        )
        return None if rec.failed else result


def _vocabulary(vocabularies: tuple[StatusVocabulary, ...], code: str) -> StatusVocabulary:
    """The vocabulary with `code`, or an empty one (an unknown code is reported elsewhere)."""
    return next(
        (item for item in vocabularies if item.code == code), StatusVocabulary(code, code, ())
    )
