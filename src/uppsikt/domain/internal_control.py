"""Internal control: processes, risks on a matrix, risk actions, audit findings, controls."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.domain.assignments import FollowedUp, FollowUp
from uppsikt.domain.problems import DomainError


@dataclass(frozen=True, slots=True)
class RiskBand:
    """A band of risk scores with a name, e.g. scores up to 4 are "Låg"."""

    label: str
    max_score: int


@dataclass(frozen=True, slots=True)
class RiskMatrix:
    """A probability × consequence matrix; levels are 1-based positions in each list."""

    probability: tuple[str, ...]
    consequence: tuple[str, ...]
    bands: tuple[RiskBand, ...] = ()

    def score(self, probability: int, consequence: int) -> int:
        """The risk value: probability times consequence."""
        if not 1 <= probability <= len(self.probability):
            raise DomainError(f"sannolikhet {probability} ligger utanför 1–{len(self.probability)}")
        if not 1 <= consequence <= len(self.consequence):
            raise DomainError(f"konsekvens {consequence} ligger utanför 1–{len(self.consequence)}")
        return probability * consequence

    @property
    def max_score(self) -> int:
        """The highest score the matrix can give."""
        return len(self.probability) * len(self.consequence)

    def band(self, score: int) -> RiskBand | None:
        """The band a score falls in: the first whose `max_score` reaches it."""
        return next(
            (
                band
                for band in sorted(self.bands, key=lambda b: b.max_score)
                if score <= band.max_score
            ),
            None,
        )


@dataclass(frozen=True, slots=True)
class Process:
    """A process or goal area of the internal-control plan."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class RiskAction(FollowedUp):
    """An action that reduces a risk, followed up per period."""

    code: str
    text: str
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True, slots=True)
class Risk:
    """A risk in a process, assessed on the matrix (when assessed), with its actions."""

    code: str
    process: str
    description: str
    probability: int | None = None
    consequence: int | None = None
    actions: tuple[RiskAction, ...] = ()

    def score(self, matrix: RiskMatrix) -> int | None:
        """The risk value, None when the risk is not assessed."""
        if self.probability is None or self.consequence is None:
            return None
        return matrix.score(self.probability, self.consequence)


@dataclass(frozen=True, slots=True)
class AuditAction(FollowedUp):
    """An action taken on an audit finding, followed up per period."""

    code: str
    text: str
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """A recommendation from the auditors or another external review."""

    code: str
    title: str
    case_reference: str = ""
    background: str = ""
    actions: tuple[AuditAction, ...] = ()


@dataclass(frozen=True, slots=True)
class Control(FollowedUp):
    """A recurring check in a process, with why it is made, followed up per period."""

    code: str
    process: str
    text: str
    purpose: str = ""
    frequency: str = ""
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True, slots=True)
class InternalControl:
    """A committee's internal-control plan for the year."""

    processes: tuple[Process, ...] = ()
    risks: tuple[Risk, ...] = ()
    audit_findings: tuple[AuditFinding, ...] = ()
    controls: tuple[Control, ...] = ()

    @property
    def risk_actions(self) -> tuple[RiskAction, ...]:
        """Every risk action, in plan order."""
        return tuple(action for risk in self.risks for action in risk.actions)

    @property
    def audit_actions(self) -> tuple[AuditAction, ...]:
        """Every action on an audit finding, in plan order."""
        return tuple(action for finding in self.audit_findings for action in finding.actions)
