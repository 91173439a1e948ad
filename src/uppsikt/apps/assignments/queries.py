"""What waits for a person: the assignments they report on in periods that are open."""

from __future__ import annotations

from dataclasses import dataclass

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.periods.models import CommitteePeriod, ReportingPeriod
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
from uppsikt.domain.periods import PeriodState


@dataclass(frozen=True)
class Task:
    """An assignment to follow up in an open period; `waiting` when it has no status yet."""

    assignment: Assignment
    period: ReportingPeriod
    follow_up: AssignmentFollowUp | None

    @property
    def waiting(self) -> bool:
        """Whether the period's status is still to be given."""
        return self.follow_up is None or self.follow_up.status_id is None

    @property
    def url_args(self) -> tuple[str, str, str, str]:
        """The assignment page's address parts."""
        committee = self.assignment.committee_year.committee
        return (
            committee.municipality.kolada_id,
            committee.code,
            str(self.period.key),
            self.assignment.code,
        )


def tasks_for(user: User) -> list[Task]:
    """The person's assignments in every open period, those still waiting first."""
    assignments = list(
        Assignment.objects.for_user(user, Action.REPORT).select_related(
            "committee_year__committee__municipality", "goal", "unit"
        )
    )
    open_periods = CommitteePeriod.objects.filter(
        committee_year__in={item.committee_year_id for item in assignments},
        state=PeriodState.OPEN.value,
    ).select_related("period__year")
    periods: dict[int, list[ReportingPeriod]] = {}
    for row in open_periods:
        periods.setdefault(row.committee_year_id, []).append(row.period)
    follow_ups = {
        (row.assignment_id, row.period_id): row
        for row in AssignmentFollowUp.objects.filter(
            assignment__in=assignments, period__in=[p for ps in periods.values() for p in ps]
        ).select_related("status")
    }
    tasks = [
        Task(item, period, follow_ups.get((item.pk, period.pk)))
        for item in assignments
        for period in periods.get(item.committee_year_id, [])
    ]
    return sorted(tasks, key=lambda task: (not task.waiting, task.period.closing_date))
