"""The whole of one municipality's year: configuration, periods, goals and committees."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.domain.assignments import Assignment
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.goals import CommitteeGoal, Perspective
from uppsikt.domain.indicators import Indicator
from uppsikt.domain.internal_control import InternalControl, RiskMatrix
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.organisation import Committee, Municipality, OrgUnit
from uppsikt.domain.periods import CommitteePeriod, PeriodKey, ReportingPeriod
from uppsikt.domain.personnel import Personnel
from uppsikt.domain.report_template import (
    ReportTemplate,
    copy_forward,
    default_template,
    latest_before,
)
from uppsikt.domain.vocabularies import AssessmentScale, StatusVocabulary


@dataclass(frozen=True, slots=True)
class CommitteeYear:
    """Everything one committee plans and follows up in a year."""

    committee: Committee
    assignment_statuses: str
    control_statuses: str
    assessment_scale: str
    units: tuple[OrgUnit, ...] = ()
    periods: tuple[CommitteePeriod, ...] = ()
    goals: tuple[CommitteeGoal, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    internal_control: InternalControl = InternalControl()
    personnel: Personnel = Personnel()
    narratives: tuple[Narrative, ...] = ()
    economy: Economy = Economy()
    reports: tuple[ReportTemplate, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator of every goal, in goal order."""
        return tuple(indicator for goal in self.goals for indicator in goal.indicators)

    def report_template(self, period: PeriodKey) -> ReportTemplate:
        """The report structure for `period`.

        Its own when set, else a copy of the latest earlier one, else the default one.
        """
        found = next((item for item in self.reports if item.period == period), None)
        if found is not None:
            return found
        earlier = latest_before(self.reports, period)
        if earlier is not None:
            return copy_forward(earlier, period, self.narratives_for(earlier.period))
        tables = tuple(table.key for table in self.economy.tables)
        return default_template(period, self.narratives_for(period), tables)

    def narratives_for(self, period: PeriodKey) -> tuple[Narrative, ...]:
        """The top-level narrative sections written for `period`."""
        return tuple(item for item in self.narratives if item.period == period)


@dataclass(frozen=True, slots=True)
class Dataset:
    """A municipality's configuration and one year of its committees' plans and follow-ups."""

    municipality: Municipality
    year: int
    status_vocabularies: tuple[StatusVocabulary, ...]
    assessment_scales: tuple[AssessmentScale, ...]
    periods: tuple[ReportingPeriod, ...]
    risk_matrix: RiskMatrix | None = None
    perspectives: tuple[Perspective, ...] = ()
    committees: tuple[CommitteeYear, ...] = ()

    def vocabulary(self, code: str) -> StatusVocabulary:
        """The status vocabulary with this code."""
        return next(item for item in self.status_vocabularies if item.code == code)

    def scale(self, code: str) -> AssessmentScale:
        """The assessment scale with this code."""
        return next(item for item in self.assessment_scales if item.code == code)

    def period(self, key: PeriodKey) -> ReportingPeriod:
        """The reporting period with this key."""
        return next(item for item in self.periods if item.key == key)

    def committee(self, code: str) -> CommitteeYear:
        """The committee with this code."""
        return next(item for item in self.committees if item.committee.code == code)
