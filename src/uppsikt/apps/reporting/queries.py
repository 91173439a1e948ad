"""Where a period stands in its workflow, what steps a person may take, and what was frozen."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.reporting.services import may
from uppsikt.apps.restricted import User
from uppsikt.domain.periods import STATE_NAMES, PeriodState
from uppsikt.domain.workflow import next_steps


@dataclass(frozen=True)
class StepOffer:
    """A step the person may take, and what its form asks for."""

    target: str
    name: str
    needs_decision: bool
    needs_reason: bool


@dataclass(frozen=True)
class WorkflowPanel:
    """The period's state, the person's steps, and the frozen editions of its report."""

    period: CommitteePeriod
    state: str
    steps: list[StepOffer]
    frozen: list[FrozenReport]


def workflow_panel(user: User, committee_period: CommitteePeriod) -> WorkflowPanel:
    """What the committee's period page shows of the workflow to `user`."""
    current = PeriodState(committee_period.state)
    steps = [
        StepOffer(
            target.value,
            name,
            needs_decision=target is PeriodState.APPROVED,
            needs_reason=current is PeriodState.LOCKED,
        )
        for target, action, name in next_steps(current)
        if may(user, action, committee_period)
    ]
    frozen = (
        list(
            committee_period.frozen_reports.defer("content")
            .select_related("frozen_by")
            .order_by("-edition", "format")
        )
        if committee_period.pk
        else []
    )
    return WorkflowPanel(committee_period, STATE_NAMES[current], steps, frozen)
