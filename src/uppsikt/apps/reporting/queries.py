"""Where a period stands in its workflow, what steps a person may take, and what was frozen."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from uppsikt.apps.goals.models import CommitteeGoal, GoalAssessment
from uppsikt.apps.internal_control.models import (
    AuditAction,
    AuditActionFollowUp,
    Control,
    ControlFollowUp,
    RiskAction,
    RiskActionFollowUp,
)
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.reporting.services import may
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
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


@dataclass(frozen=True)
class Duty:
    """What is left for a controller in an open period before it can be submitted."""

    committee_period: CommitteePeriod
    text: str  # e.g. "3 av 22 åtgärder och kontroller saknar status"
    url: str


def duties_for(user: User) -> list[Duty]:
    """What waits for the committees `user` controls, in each of their open periods."""
    years = CommitteeYear.objects.for_user(user, Action.CONTROL)
    found = []
    for row in CommitteePeriod.objects.filter(
        committee_year__in=years, state=PeriodState.OPEN.value
    ).select_related("committee_year__committee__municipality", "period__year"):
        committee = row.committee_year.committee
        args = (committee.municipality.kolada_id, committee.code, str(row.period.key))
        overview = reverse("overview:committee_period", args=args)
        items, followed = _control_items(row)
        drafts = Narrative.objects.filter(
            committee_year=row.committee_year_id, period=row.period_id, draft=True
        ).count()
        goals = CommitteeGoal.objects.filter(committee_year=row.committee_year_id)
        assessed = GoalAssessment.objects.filter(
            goal__in=goals, period=row.period_id, level__isnull=False
        ).count()
        waiting = [
            (
                items - followed,
                f"{items - followed} av {items} åtgärder och kontroller saknar status",
                f"{overview}#internkontroll",
            ),
            (drafts, f"{drafts} textavsnitt är utkast", reverse("narratives:sections", args=args)),
            (
                goals.count() - assessed,
                f"{goals.count() - assessed} av {goals.count()} nämndmål saknar bedömning",
                f"{overview}#mal",
            ),
        ]
        found += [Duty(row, text, url) for count, text, url in waiting if count]
    return found


def _control_items(row: CommitteePeriod) -> tuple[int, int]:
    """How many internal-control items the committee's year has, and how many have a status."""
    year, period = row.committee_year_id, row.period_id
    items = (
        RiskAction.objects.filter(risk__process__committee_year=year).count()
        + AuditAction.objects.filter(finding__committee_year=year).count()
        + Control.objects.filter(process__committee_year=year).count()
    )
    followed = (
        RiskActionFollowUp.objects.filter(
            action__risk__process__committee_year=year, period=period, status__isnull=False
        ).count()
        + AuditActionFollowUp.objects.filter(
            action__finding__committee_year=year, period=period, status__isnull=False
        ).count()
        + ControlFollowUp.objects.filter(
            control__process__committee_year=year, period=period, status__isnull=False
        ).count()
    )
    return items, followed
