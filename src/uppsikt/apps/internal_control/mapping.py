"""Mapping between internal-control models and domain records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import models as db

from uppsikt.apps.assignments.mapping import follow_up_values, follow_ups_to_domain
from uppsikt.apps.internal_control import models
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import internal_control as domain
from uppsikt.domain.assignments import FollowUp

FOLLOW_UPS = ("follow_ups__period__year", "follow_ups__status")
Action = TypeVar("Action", domain.RiskAction, domain.AuditAction)


def save_internal_control(
    committee_year: CommitteeYear,
    plan: domain.InternalControl,
    vocabulary: str,
    periods: PeriodRows,
    config: Configuration,
) -> None:
    """Create the committee's processes, risks, findings and controls with follow-ups."""

    def save_follow_ups(
        follow_ups: Iterable[FollowUp], model: type[db.Model], **item: db.Model
    ) -> None:
        for entry in follow_ups:
            model._default_manager.create(
                **item, **follow_up_values(entry, vocabulary, periods, config)
            )

    processes = {
        process.code: models.Process.objects.create(
            committee_year=committee_year, code=process.code, name=process.name, position=index
        )
        for index, process in enumerate(plan.processes)
    }
    for index, risk in enumerate(plan.risks):
        risk_row = models.Risk.objects.create(
            process=processes[risk.process],
            code=risk.code,
            description=risk.description,
            probability=risk.probability,
            consequence=risk.consequence,
            position=index,
        )
        for position, action in enumerate(risk.actions):
            risk_action = models.RiskAction.objects.create(
                risk=risk_row, code=action.code, text=action.text, position=position
            )
            save_follow_ups(action.follow_ups, models.RiskActionFollowUp, action=risk_action)
    for index, finding in enumerate(plan.audit_findings):
        finding_row = models.AuditFinding.objects.create(
            committee_year=committee_year,
            code=finding.code,
            title=finding.title,
            case_reference=finding.case_reference,
            background=finding.background,
            position=index,
        )
        for position, audit_action in enumerate(finding.actions):
            audit_row = models.AuditAction.objects.create(
                finding=finding_row,
                code=audit_action.code,
                text=audit_action.text,
                position=position,
            )
            save_follow_ups(audit_action.follow_ups, models.AuditActionFollowUp, action=audit_row)
    for index, control in enumerate(plan.controls):
        control_row = models.Control.objects.create(
            process=processes[control.process],
            code=control.code,
            text=control.text,
            purpose=control.purpose,
            frequency=control.frequency,
            position=index,
        )
        save_follow_ups(control.follow_ups, models.ControlFollowUp, control=control_row)


def _actions(
    rows: Iterable[models.RiskAction | models.AuditAction],
    make: Callable[[str, str, tuple[FollowUp, ...]], Action],
) -> tuple[Action, ...]:
    return tuple(
        make(row.code, row.text, follow_ups_to_domain(row.follow_ups.all())) for row in rows
    )


def internal_control_to_domain(committee_year: CommitteeYear) -> domain.InternalControl:
    """The committee's internal-control plan with follow-ups."""
    risks = (
        models.Risk.objects.filter(process__committee_year=committee_year)
        .select_related("process")
        .prefetch_related(*(f"actions__{path}" for path in FOLLOW_UPS))
    )
    findings = committee_year.audit_findings.prefetch_related(
        *(f"actions__{path}" for path in FOLLOW_UPS)
    )
    controls = (
        models.Control.objects.filter(process__committee_year=committee_year)
        .select_related("process")
        .prefetch_related(*FOLLOW_UPS)
    )
    return domain.InternalControl(
        processes=tuple(
            domain.Process(row.code, row.name) for row in committee_year.processes.all()
        ),
        risks=tuple(
            domain.Risk(
                code=row.code,
                process=row.process.code,
                description=row.description,
                probability=row.probability,
                consequence=row.consequence,
                actions=_actions(row.actions.all(), domain.RiskAction),
            )
            for row in risks
        ),
        audit_findings=tuple(
            domain.AuditFinding(
                code=row.code,
                title=row.title,
                case_reference=row.case_reference,
                background=row.background,
                actions=_actions(row.actions.all(), domain.AuditAction),
            )
            for row in findings
        ),
        controls=tuple(
            domain.Control(
                code=row.code,
                process=row.process.code,
                text=row.text,
                purpose=row.purpose,
                frequency=row.frequency,
                follow_ups=follow_ups_to_domain(row.follow_ups.all()),
            )
            for row in controls
        ),
    )
