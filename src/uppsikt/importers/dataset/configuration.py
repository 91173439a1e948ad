"""Reading the configuration: vocabularies, scales, the risk matrix, periods, goals."""

from __future__ import annotations

from uppsikt.domain.goals import CouncilGoal, Perspective
from uppsikt.domain.internal_control import RiskBand, RiskMatrix
from uppsikt.domain.periods import PeriodKey, ReportingPeriod
from uppsikt.domain.vocabularies import (
    AssessmentLevel,
    AssessmentScale,
    Colour,
    Status,
    StatusOutcome,
    StatusVocabulary,
)
from uppsikt.importers.dataset.nodes import At, Record
from uppsikt.importers.dataset.reading import Reader, keep_valid


class ConfigurationReader(Reader):
    """Reads the municipality's configuration and the council's goals."""

    def vocabulary(self, at: At) -> StatusVocabulary | None:
        """A status vocabulary."""
        rec = self.record(at, "status_vocabulary")
        code = rec.text("code")
        self.define("vocabulary", code, rec)
        statuses = keep_valid([self.status(item, code) for item in rec.items("statuses")])
        if not statuses and not rec.failed:
            rec.fail("statuses", "en statuslista behöver minst en status")
        result = StatusVocabulary(code, rec.text("name"), statuses)
        return None if rec.failed else result

    def status(self, at: At, vocabulary: str) -> Status | None:
        """A status of a vocabulary."""
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
        """The record's colour, None when it has none."""
        return rec.choice("colour", Colour) if rec.get("colour") is not None else None

    def scale(self, at: At) -> AssessmentScale | None:
        """An assessment scale."""
        rec = self.record(at, "assessment_scale")
        code = rec.text("code")
        self.define("scale", code, rec)
        levels = keep_valid([self.level(item, code) for item in rec.items("levels")])
        result = AssessmentScale(code, rec.text("name"), levels)
        return None if rec.failed else result

    def level(self, at: At, scale: str) -> AssessmentLevel | None:
        """A level of an assessment scale."""
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
        """The risk matrix."""
        rec = self.record(at, "risk_matrix")
        probability = tuple(rec.strings("probability"))
        consequence = tuple(rec.strings("consequence"))
        for key, levels in (("probability", probability), ("consequence", consequence)):
            if rec.get(key) is not None and not levels:
                rec.fail(key, "skalan behöver minst en nivå")
        bands = keep_valid([self.band(item) for item in rec.items("bands")])
        result = RiskMatrix(probability, consequence, bands)
        return None if rec.failed else result

    def band(self, at: At) -> RiskBand | None:
        """A band of the risk matrix."""
        rec = self.record(at, "risk_band")
        result = RiskBand(rec.text("label"), rec.integer("max_score"))
        return None if rec.failed else result

    def period(self, at: At) -> ReportingPeriod | None:
        """A reporting period of the year."""
        rec = self.record(at, "period")
        key = rec.parsed("key", PeriodKey.parse)
        if key is not None:
            self.define("period", str(key), rec, "key")
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
        """A perspective with its council goals."""
        rec = self.record(at, "perspective")
        goals = keep_valid([self.council_goal(item) for item in rec.items("council_goals")])
        result = Perspective(rec.text("code"), rec.text("name"), goals)
        self.define("perspective", result.code, rec)
        return None if rec.failed else result

    def council_goal(self, at: At) -> CouncilGoal | None:
        """A council goal."""
        rec = self.record(at, "council_goal")
        result = CouncilGoal(rec.text("code"), rec.text("name"))
        self.define("council_goal", result.code, rec)
        return None if rec.failed else result
