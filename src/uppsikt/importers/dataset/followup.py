"""Reading what a committee follows up besides goals: internal control, personnel, texts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import yaml

from uppsikt.domain import narratives
from uppsikt.domain.assignments import FollowUp
from uppsikt.domain.indicators import Gender
from uppsikt.domain.internal_control import (
    AuditAction,
    AuditFinding,
    Control,
    InternalControl,
    Process,
    Risk,
    RiskAction,
    RiskMatrix,
)
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.personnel import (
    Headcount,
    Personnel,
    SickLeave,
    SickLeaveBasis,
    SickLeaveLength,
    Turnover,
)
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.dataset.nodes import At, Record
from uppsikt.importers.dataset.reading import Reader, keep_valid

R = TypeVar("R")


class FollowUpReader(Reader):
    """Reads a committee's internal control, personnel series and narratives."""

    def internal_control(
        self, at: At, scope: str, vocabulary: str, matrix: RiskMatrix | None
    ) -> InternalControl | None:
        """The internal-control plan."""
        rec = self.record(at, "internal_control")
        processes = keep_valid([self.process(item, scope) for item in rec.items("processes")])
        risks = keep_valid(
            [self.risk(item, scope, vocabulary, matrix) for item in rec.items("risks")]
        )
        findings = keep_valid(
            [self.finding(item, scope, vocabulary) for item in rec.items("audit_findings")]
        )
        controls = keep_valid(
            [self.control(item, scope, vocabulary) for item in rec.items("controls")]
        )
        if rec.failed:
            return None
        return InternalControl(processes, risks, findings, controls)

    def process(self, at: At, scope: str) -> Process | None:
        """A process of the plan."""
        rec = self.record(at, "process")
        result = Process(rec.text("code"), rec.text("name"))
        self.define(scope + "process", result.code, rec)
        return None if rec.failed else result

    def risk(self, at: At, scope: str, vocabulary: str, matrix: RiskMatrix | None) -> Risk | None:
        """A risk with its actions."""
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
        actions = keep_valid(
            [self.action(item, scope, vocabulary, RiskAction) for item in rec.items("actions")]
        )
        result = Risk(code, process, rec.text("description"), probability, consequence, actions)
        return None if rec.failed else result

    def finding(self, at: At, scope: str, vocabulary: str) -> AuditFinding | None:
        """An audit finding with its actions."""
        rec = self.record(at, "audit_finding")
        code = rec.text("code")
        self.define(scope + "finding", code, rec)
        actions = keep_valid(
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
        """A risk action or an action on an audit finding."""
        rec = self.record(at, "action")
        code = rec.text("code")
        self.define(scope + "action", code, rec)
        result = make(code, rec.text("text"), self.follow_ups(rec, vocabulary))
        return None if rec.failed else result

    def control(self, at: At, scope: str, vocabulary: str) -> Control | None:
        """A systematic control."""
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

    def personnel(self, at: At, scope: str) -> Personnel | None:
        """The personnel series."""
        rec = self.record(at, "personnel")
        headcount = keep_valid(
            [
                self.observation(item, scope, "headcount", self.headcount)
                for item in rec.items("headcount")
            ]
        )
        turnover = keep_valid(
            [
                self.observation(item, scope, "turnover", self.turnover)
                for item in rec.items("turnover")
            ]
        )
        sick_leave = keep_valid([self.sick_leave(item) for item in rec.items("sick_leave")])
        return None if rec.failed else Personnel(headcount, turnover, sick_leave)

    def observation(
        self, at: At, scope: str, kind: str, make: Callable[[Record, str | None], R]
    ) -> R | None:
        """A headcount or turnover observation, for the whole or one unit."""
        rec = self.record(at, kind)
        unit = rec.optional_text("unit")
        if unit:
            self.refer(scope + "unit", unit, rec, "unit")
        result = make(rec, unit or None)
        return None if rec.failed else result

    def headcount(self, rec: Record, unit: str | None) -> Headcount:
        """A headcount."""
        count = rec.integer("count")
        if count < 0:
            rec.fail("count", "antalet anställda kan inte vara negativt")
        return Headcount(rec.date("date"), count, unit, rec.choice("gender", Gender, Gender.TOTAL))

    def turnover(self, rec: Record, unit: str | None) -> Turnover:
        """A turnover figure."""
        percent = rec.decimal("percent")
        self.check_percent(rec, percent)
        return Turnover(rec.date("date"), percent, unit, rec.choice("gender", Gender, Gender.TOTAL))

    def check_percent(self, rec: Record, percent: Decimal) -> None:
        """Report a percent outside 0–100."""
        if not 0 <= percent <= 100:
            rec.fail("percent", f"{percent} procent ligger inte mellan 0 och 100")

    def sick_leave(self, at: At) -> SickLeave | None:
        """A sick-leave figure."""
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

    def narratives(self, rec: Record, scope: str, known: frozenset[str]) -> tuple[Narrative, ...]:
        """The narrative sections, by period; their live figures checked."""
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
                    keep_valid(
                        [self.narrative(item, period, f"{scope}{period}:", known) for item in items]
                    )
                )
        return tuple(found)

    def narrative(
        self, at: At, period: PeriodKey, scope: str, known: frozenset[str]
    ) -> Narrative | None:
        """A narrative section with its sub-sections."""
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
        sections = keep_valid(
            [self.narrative(item, period, scope, known) for item in rec.items("sections")]
        )
        draft = self.flag(rec, "draft", default=False)
        result = Narrative(period, key, rec.text("title"), body, sections, draft)
        return None if rec.failed else result
