"""Parse a dataset file into a `Dataset`, reporting every fault with file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import yaml

from uppsikt.domain import narratives
from uppsikt.domain.assignments import Assignment, FollowUp, Origin
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.figures import figure_names
from uppsikt.domain.goals import CommitteeGoal, CouncilGoal, GoalAssessment, Perspective
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
from uppsikt.domain.internal_control import (
    AuditAction,
    AuditFinding,
    Control,
    InternalControl,
    Process,
    Risk,
    RiskAction,
    RiskBand,
    RiskMatrix,
)
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.organisation import Committee, Municipality, OrgUnit, UnitKind, units_in_cycles
from uppsikt.domain.periods import (
    CommitteePeriod,
    Decision,
    PeriodKey,
    PeriodState,
    ReportingPeriod,
)
from uppsikt.domain.personnel import (
    Headcount,
    Personnel,
    SickLeave,
    SickLeaveBasis,
    SickLeaveLength,
    Turnover,
)
from uppsikt.domain.problems import DomainError, Location, Problem
from uppsikt.domain.vocabularies import (
    AssessmentLevel,
    AssessmentScale,
    Colour,
    Status,
    StatusOutcome,
    StatusVocabulary,
)
from uppsikt.importers.dataset.nodes import (
    At,
    Record,
    compose,
    mapping_entries,
    read_decimal,
)
from uppsikt.importers.dataset.nodes import Source as FileSource
from uppsikt.importers.dataset.schema import FORMAT_VERSION

R = TypeVar("R")

NOUNS = {
    "vocabulary": "statuslista",
    "scale": "bedömningsskala",
    "period": "period",
    "council_goal": "KF-mål",
    "committee": "nämnd",
    "unit": "enhet",
    "goal": "nämndmål",
    "indicator": "indikator",
    "assignment": "uppdrag",
    "process": "process",
    "risk": "risk",
    "finding": "granskning",
    "action": "åtgärd",
    "control": "kontroll",
    "narrative": "textavsnitt",
    "status": "status",
    "level": "bedömningsnivå",
}

DATASET_FILE = "dataset.yaml"


def read_dataset(path: Path) -> tuple[Dataset | None, list[Problem]]:
    """Read a dataset from a file, or from a folder's `dataset.yaml`."""
    file = path / DATASET_FILE if path.is_dir() else path
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        source = FileSource(str(file))
        source.problems.append(Problem(Location(str(file)), f"kan inte läsa filen: {error}"))
        return None, source.problems
    return parse_dataset(text, str(file))


def parse_dataset(text: str, filename: str) -> tuple[Dataset | None, list[Problem]]:
    """Parse dataset text; the dataset is returned only when there is no fault at all."""
    source = FileSource(filename)
    root = compose(text, source)
    if root is None:
        if not source.problems:
            source.problems.append(Problem(Location(filename, 1), "filen är tom"))
        return None, source.problems
    dataset = _Parser(source).dataset(At(root, ""))
    source.check_references(NOUNS)
    problems = sorted(source.problems, key=lambda p: (p.location.line or 0, p.location.field))
    return (dataset if not problems else None), problems


def _list(records: list[R | None]) -> tuple[R, ...]:
    return tuple(record for record in records if record is not None)


class _Parser:
    """Builds domain records from nodes; one method per record of the schema."""

    def __init__(self, source: FileSource) -> None:
        self.source = source
        self.year = 0
        self.periods: set[PeriodKey] = set()

    def record(self, at: At, kind: str) -> Record:
        return Record(self.source, at, kind)

    def define(self, kind: str, code: str, record: Record, key: str = "code") -> None:
        if code:
            self.source.define(kind, code, record.values.get(key, record.at))

    def refer(self, kind: str, code: str, record: Record, key: str) -> None:
        if code:
            self.source.refer(kind, code, record.values.get(key, record.at))

    # ---- the whole file ------------------------------------------------------------------

    def dataset(self, at: At) -> Dataset | None:
        rec = self.record(at, "dataset")
        version = rec.integer("format")
        if rec.get("format") is not None and version != FORMAT_VERSION:
            rec.fail(
                "format",
                f"formatversion {version} stöds inte; den här versionen läser {FORMAT_VERSION}",
            )
        self.year = rec.integer("year")
        municipality = self.municipality(rec.get("municipality"))
        vocabularies = _list([self.vocabulary(item) for item in rec.items("status_vocabularies")])
        scales = _list([self.scale(item) for item in rec.items("assessment_scales")])
        matrix_at = rec.get("risk_matrix")
        matrix = self.risk_matrix(matrix_at) if matrix_at else None
        periods = _list([self.period(item) for item in rec.items("periods")])
        perspectives = _list([self.perspective(item) for item in rec.items("perspectives")])
        committees = _list(
            [self.committee(item, vocabularies, matrix) for item in rec.items("committees")]
        )
        if rec.failed or municipality is None:
            return None
        return Dataset(
            municipality=municipality,
            year=self.year,
            status_vocabularies=vocabularies,
            assessment_scales=scales,
            periods=periods,
            risk_matrix=matrix,
            perspectives=perspectives,
            committees=committees,
        )

    def municipality(self, at: At | None) -> Municipality | None:
        if at is None:
            return None
        rec = self.record(at, "municipality")
        result = Municipality(rec.text("name"), rec.text("kolada_id"))
        return None if rec.failed else result

    # ---- configuration -------------------------------------------------------------------

    def vocabulary(self, at: At) -> StatusVocabulary | None:
        rec = self.record(at, "status_vocabulary")
        code = rec.text("code")
        self.define("vocabulary", code, rec)
        statuses = _list([self.status(item, code) for item in rec.items("statuses")])
        if not statuses and not rec.failed:
            rec.fail("statuses", "en statuslista behöver minst en status")
        result = StatusVocabulary(code, rec.text("name"), statuses)
        return None if rec.failed else result

    def status(self, at: At, vocabulary: str) -> Status | None:
        rec = self.record(at, "status")
        code = rec.text("code")
        self.define(f"{vocabulary}:status", code, rec)
        result = Status(
            code=code,
            label=rec.text("label"),
            outcome=rec.choice("outcome", StatusOutcome),
            symbol=rec.text("symbol"),
            colour=self.colour(rec),
        )
        return None if rec.failed else result

    def colour(self, rec: Record) -> Colour | None:
        return rec.choice("colour", Colour) if rec.get("colour") is not None else None

    def scale(self, at: At) -> AssessmentScale | None:
        rec = self.record(at, "assessment_scale")
        code = rec.text("code")
        self.define("scale", code, rec)
        levels = _list([self.level(item, code) for item in rec.items("levels")])
        result = AssessmentScale(code, rec.text("name"), levels)
        return None if rec.failed else result

    def level(self, at: At, scale: str) -> AssessmentLevel | None:
        rec = self.record(at, "assessment_level")
        code = rec.text("code")
        self.define(f"{scale}:level", code, rec)
        share = rec.optional_decimal("min_share")
        if share is not None and not 0 <= share <= 1:
            rec.fail("min_share", f"andelen {share} ligger inte mellan 0 och 1")
        result = AssessmentLevel(
            code=code,
            label=rec.text("label"),
            symbol=rec.text("symbol"),
            colour=self.colour(rec),
            min_share=share,
        )
        return None if rec.failed else result

    def risk_matrix(self, at: At) -> RiskMatrix | None:
        rec = self.record(at, "risk_matrix")
        probability = tuple(rec.strings("probability"))
        consequence = tuple(rec.strings("consequence"))
        for key, levels in (("probability", probability), ("consequence", consequence)):
            if rec.get(key) is not None and not levels:
                rec.fail(key, "skalan behöver minst en nivå")
        bands = _list([self.band(item) for item in rec.items("bands")])
        result = RiskMatrix(probability, consequence, bands)
        return None if rec.failed else result

    def band(self, at: At) -> RiskBand | None:
        rec = self.record(at, "risk_band")
        result = RiskBand(rec.text("label"), rec.integer("max_score"))
        return None if rec.failed else result

    def period(self, at: At) -> ReportingPeriod | None:
        rec = self.record(at, "period")
        key = rec.parsed("key", PeriodKey.parse)
        if key is not None:
            self.define("period", str(key), rec, "key")
            self.periods.add(key)
            if self.year and key.year != self.year:
                rec.fail("key", f"perioden {key} ligger inte i datasetets år {self.year}")
        closing = rec.optional_date("closing_date")
        comparison = rec.parsed("comparison", PeriodKey.parse)
        if rec.failed or key is None:
            return None
        closing = closing or key.default_closing_date()
        if closing.year != key.year:
            rec.fail("closing_date", f"slutdatumet {closing} ligger inte i periodens år {key.year}")
            return None
        return ReportingPeriod(key, closing, rec.text("name"), comparison)

    def perspective(self, at: At) -> Perspective | None:
        rec = self.record(at, "perspective")
        goals = _list([self.council_goal(item) for item in rec.items("council_goals")])
        result = Perspective(rec.text("code"), rec.text("name"), goals)
        self.define("perspective", result.code, rec)
        return None if rec.failed else result

    def council_goal(self, at: At) -> CouncilGoal | None:
        rec = self.record(at, "council_goal")
        result = CouncilGoal(rec.text("code"), rec.text("name"))
        self.define("council_goal", result.code, rec)
        return None if rec.failed else result

    # ---- a committee ---------------------------------------------------------------------

    def committee(
        self, at: At, vocabularies: tuple[StatusVocabulary, ...], matrix: RiskMatrix | None
    ) -> CommitteeYear | None:
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
        periods = _list(
            [
                self.committee_period(key, key_at, value)
                for key, key_at, value in rec.entries("periods")
            ]
        )
        goals = _list([self.goal(item, scope, scale) for item in rec.items("goals")])
        assignments = _list(
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
        known = figure_names(
            _vocabulary(vocabularies, assignment_statuses),
            _vocabulary(vocabularies, control_statuses),
        )
        narrative_list = self.narratives(rec, scope, known)
        if rec.failed or internal_control is None or personnel is None:
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
        )

    def units(self, items: list[At], parent: str | None, scope: str) -> tuple[OrgUnit, ...]:
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

    def period_key(self, key: str, at: At) -> PeriodKey | None:
        """A period written as a mapping key; it must be one of the dataset's periods."""
        try:
            period = PeriodKey.parse(key)
        except DomainError as error:
            self.source.problem(at, str(error))
            return None
        self.source.refer("period", str(period), at)
        return period

    def committee_period(self, key: str, key_at: At, at: At) -> CommitteePeriod | None:
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
        rec = self.record(at, "goal")
        code = rec.text("code")
        self.define(scope + "goal", code, rec)
        council_goal = rec.text("council_goal")
        self.refer("council_goal", council_goal, rec, "council_goal")
        indicators = _list([self.indicator(item, scope) for item in rec.items("indicators")])
        assessments = _list(
            [
                self.assessment(key, key_at, value, scale)
                for key, key_at, value in rec.entries("assessments")
            ]
        )
        result = CommitteeGoal(code, rec.text("name"), council_goal, indicators, assessments)
        return None if rec.failed else result

    def assessment(self, key: str, key_at: At, at: At, scale: str) -> GoalAssessment | None:
        period = self.period_key(key, key_at)
        rec = self.record(at, "assessment")
        level = rec.optional_text("level")
        if level:
            self.refer(f"{scale}:level", level, rec, "level")
        if rec.failed or period is None:
            return None
        return GoalAssessment(period, level or None, rec.text("comment"))

    def indicator(self, at: At, scope: str) -> Indicator | None:
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
        values: list[IndicatorValue] = []
        for key, key_at, value_at in rec.entries("values"):
            if not key.isdigit() or len(key) != 4:
                rec.source.problem(key_at, f"'{key}' är inget årtal")
                rec.failed = True
                continue
            year = int(key)
            if isinstance(value_at.node, yaml.ScalarNode):
                values.append(IndicatorValue(year, self.value(value_at, rec)))
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
                values.append(IndicatorValue(year, self.value(gender_value, rec), gender))
        return canonical_order(values)

    def source_entries(self, at: At, rec: Record) -> list[tuple[str, At, At]]:
        before = len(self.source.problems)
        entries = mapping_entries(at, self.source)
        if len(self.source.problems) > before:
            rec.failed = True
        return entries

    def value(self, at: At, rec: Record) -> Decimal | None:
        if at.is_null:
            return None
        number = read_decimal(at, self.source)
        if number is None:
            rec.failed = True
        return number

    def target(self, at: At) -> Target | None:
        rec = self.record(at, "target")
        comparator = rec.parsed("comparator", Comparator.parse)
        result = Target(
            comparator or Comparator.EQ, rec.decimal("value"), rec.integer("year"), rec.text("note")
        )
        return None if rec.failed or comparator is None else result

    def period_texts(self, rec: Record, key: str) -> tuple[PeriodText, ...]:
        texts: list[PeriodText] = []
        for period_text, key_at, value_at in rec.entries(key):
            period = self.period_key(period_text, key_at)
            if not isinstance(value_at.node, yaml.ScalarNode):
                self.source.problem(value_at, "väntade en text")
                rec.failed = True
            elif period is not None and not value_at.is_null:
                texts.append(PeriodText(period, str(value_at.node.value).strip()))
        return tuple(texts)

    def follow_ups(self, rec: Record, vocabulary: str) -> tuple[FollowUp, ...]:
        found: list[FollowUp] = []
        for key, key_at, at in rec.entries("follow_up"):
            period = self.period_key(key, key_at)
            item = self.record(at, "follow_up")
            status = item.optional_text("status")
            if status:
                self.refer(f"{vocabulary}:status", status, item, "status")
            if period is not None and not item.failed:
                found.append(FollowUp(period, status or None, item.text("comment")))
            elif item.failed:
                rec.failed = True
        return tuple(found)

    def assignment(self, at: At, scope: str, vocabulary: str) -> Assignment | None:
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

    # ---- internal control ----------------------------------------------------------------

    def internal_control(
        self, at: At, scope: str, vocabulary: str, matrix: RiskMatrix | None
    ) -> InternalControl | None:
        rec = self.record(at, "internal_control")
        processes = _list([self.process(item, scope) for item in rec.items("processes")])
        risks = _list([self.risk(item, scope, vocabulary, matrix) for item in rec.items("risks")])
        findings = _list(
            [self.finding(item, scope, vocabulary) for item in rec.items("audit_findings")]
        )
        controls = _list([self.control(item, scope, vocabulary) for item in rec.items("controls")])
        if rec.failed:
            return None
        return InternalControl(processes, risks, findings, controls)

    def process(self, at: At, scope: str) -> Process | None:
        rec = self.record(at, "process")
        result = Process(rec.text("code"), rec.text("name"))
        self.define(scope + "process", result.code, rec)
        return None if rec.failed else result

    def risk(self, at: At, scope: str, vocabulary: str, matrix: RiskMatrix | None) -> Risk | None:
        rec = self.record(at, "risk")
        code = rec.text("code")
        self.define(scope + "risk", code, rec)
        process = rec.text("process")
        self.refer(scope + "process", process, rec, "process")
        probability = rec.optional_integer("probability")
        consequence = rec.optional_integer("consequence")
        for key, level, scale in (
            ("probability", probability, matrix.probability if matrix else ()),
            ("consequence", consequence, matrix.consequence if matrix else ()),
        ):
            if level is None:
                continue
            if matrix is None:
                rec.fail(key, "datasetet har ingen risk_matrix att bedöma risken på")
            elif not 1 <= level <= len(scale):
                rec.fail(key, f"{level} ligger utanför matrisens 1–{len(scale)}")
        actions = _list(
            [self.action(item, scope, vocabulary, RiskAction) for item in rec.items("actions")]
        )
        result = Risk(code, process, rec.text("description"), probability, consequence, actions)
        return None if rec.failed else result

    def finding(self, at: At, scope: str, vocabulary: str) -> AuditFinding | None:
        rec = self.record(at, "audit_finding")
        code = rec.text("code")
        self.define(scope + "finding", code, rec)
        actions = _list(
            [self.action(item, scope, vocabulary, AuditAction) for item in rec.items("actions")]
        )
        result = AuditFinding(
            code, rec.text("title"), rec.text("case_reference"), rec.text("background"), actions
        )
        return None if rec.failed else result

    def action(
        self,
        at: At,
        scope: str,
        vocabulary: str,
        make: Callable[[str, str, tuple[FollowUp, ...]], R],
    ) -> R | None:
        rec = self.record(at, "action")
        code = rec.text("code")
        self.define(scope + "action", code, rec)
        result = make(code, rec.text("text"), self.follow_ups(rec, vocabulary))
        return None if rec.failed else result

    def control(self, at: At, scope: str, vocabulary: str) -> Control | None:
        rec = self.record(at, "control")
        code = rec.text("code")
        self.define(scope + "control", code, rec)
        process = rec.text("process")
        self.refer(scope + "process", process, rec, "process")
        result = Control(
            code=code,
            process=process,
            text=rec.text("text"),
            purpose=rec.text("purpose"),
            frequency=rec.text("frequency"),
            follow_ups=self.follow_ups(rec, vocabulary),
        )
        return None if rec.failed else result

    # ---- personnel -----------------------------------------------------------------------

    def personnel(self, at: At, scope: str) -> Personnel | None:
        rec = self.record(at, "personnel")
        headcount = _list(
            [
                self.observation(item, scope, "headcount", self.headcount)
                for item in rec.items("headcount")
            ]
        )
        turnover = _list(
            [
                self.observation(item, scope, "turnover", self.turnover)
                for item in rec.items("turnover")
            ]
        )
        sick_leave = _list([self.sick_leave(item) for item in rec.items("sick_leave")])
        return None if rec.failed else Personnel(headcount, turnover, sick_leave)

    def observation(
        self, at: At, scope: str, kind: str, make: Callable[[Record, str | None], R]
    ) -> R | None:
        rec = self.record(at, kind)
        unit = rec.optional_text("unit")
        if unit:
            self.refer(scope + "unit", unit, rec, "unit")
        result = make(rec, unit or None)
        return None if rec.failed else result

    def headcount(self, rec: Record, unit: str | None) -> Headcount:
        count = rec.integer("count")
        if count < 0:
            rec.fail("count", "antalet anställda kan inte vara negativt")
        return Headcount(rec.date("date"), count, unit)

    def turnover(self, rec: Record, unit: str | None) -> Turnover:
        percent = rec.decimal("percent")
        self.check_percent(rec, percent)
        return Turnover(rec.date("date"), percent, unit)

    def check_percent(self, rec: Record, percent: Decimal) -> None:
        if not 0 <= percent <= 100:
            rec.fail("percent", f"{percent} procent ligger inte mellan 0 och 100")

    def sick_leave(self, at: At) -> SickLeave | None:
        rec = self.record(at, "sick_leave")
        percent = rec.decimal("percent")
        self.check_percent(rec, percent)
        result = SickLeave(
            month=rec.month("month"),
            percent=percent,
            gender=rec.choice("gender", Gender, Gender.TOTAL),
            length=rec.choice("length", SickLeaveLength, SickLeaveLength.TOTAL),
            basis=rec.choice("basis", SickLeaveBasis, SickLeaveBasis.MONTH),
        )
        return None if rec.failed else result

    # ---- narratives ----------------------------------------------------------------------

    def narratives(self, rec: Record, scope: str, known: frozenset[str]) -> tuple[Narrative, ...]:
        found: list[Narrative] = []
        for key, key_at, at in rec.entries("narratives"):
            period = self.period_key(key, key_at)
            if not isinstance(at.node, yaml.SequenceNode):
                self.source.problem(at, "väntade en lista av textavsnitt")
                rec.failed = True
                continue
            items = [at.child(node, index) for index, node in enumerate(at.node.value)]
            if period is not None:
                found.extend(
                    _list(
                        [self.narrative(item, period, f"{scope}{period}:", known) for item in items]
                    )
                )
        return tuple(found)

    def narrative(
        self, at: At, period: PeriodKey, scope: str, known: frozenset[str]
    ) -> Narrative | None:
        rec = self.record(at, "narrative")
        key = rec.text("key")
        self.define(scope + "narrative", key, rec, "key")
        body = rec.text("body")
        body_at = rec.get("body")
        if body_at is not None:
            first_line = body_at.line + (
                1 if getattr(body_at.node, "style", None) in ("|", ">") else 0
            )
            for problem in narratives.check(body, known):
                self.source.problems.append(
                    Problem(
                        Location(self.source.file, first_line + problem.line - 1, body_at.path),
                        problem.message,
                    )
                )
                rec.failed = True
        sections = _list(
            [self.narrative(item, period, scope, known) for item in rec.items("sections")]
        )
        result = Narrative(period, key, rec.text("title"), body, sections)
        return None if rec.failed else result


def _vocabulary(vocabularies: tuple[StatusVocabulary, ...], code: str) -> StatusVocabulary:
    """The vocabulary with `code`, or an empty one (an unknown code is reported elsewhere)."""
    return next(
        (item for item in vocabularies if item.code == code), StatusVocabulary(code, code, ())
    )
