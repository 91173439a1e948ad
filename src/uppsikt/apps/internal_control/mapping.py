"""Mapping between internal-control models and domain records."""

from __future__ import annotations

from uppsikt.apps.assignments.mapping import follow_up_values, follow_ups_to_domain
from uppsikt.apps.internal_control import models
from uppsikt.apps.periods.mapping import PeriodRows
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.vocabularies.mapping import Configuration
from uppsikt.domain import internal_control as domain

FOLLOW_UPS = ("follow_ups__period__year", "follow_ups__status")


def save_internal_control(
    committee_year: CommitteeYear,
    plan: domain.InternalControl,
    vocabulary: str,
    periods: PeriodRows,
    config: Configuration,
) -> None:
    """Create the committee's processes, risks, findings and controls with follow-ups."""

    def follow_ups(
        item: domain.RiskAction | domain.AuditAction | domain.Control,
    ) -> list[dict[str, object]]:
        return [follow_up_values(entry, vocabulary, periods, config) for entry in item.follow_ups]

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
            action_row = models.RiskAction.objects.create(
                risk=risk_row, code=action.code, text=action.text, position=position
            )
            for values in follow_ups(action):
                models.RiskActionFollowUp.objects.create(action=action_row, **values)
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
            for values in follow_ups(audit_action):
                models.AuditActionFollowUp.objects.create(action=audit_row, **values)
    for index, control in enumerate(plan.controls):
        control_row = models.Control.objects.create(
            process=processes[control.process],
            code=control.code,
            text=control.text,
            purpose=control.purpose,
            frequency=control.frequency,
            position=index,
        )
        for values in follow_ups(control):
            models.ControlFollowUp.objects.create(control=control_row, **values)


def internal_control_to_domain(committee_year: CommitteeYear) -> domain.InternalControl:
    """The committee's internal-control plan with follow-ups."""
    processes = list(committee_year.processes.all())
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
        processes=tuple(domain.Process(row.code, row.name) for row in processes),
        risks=tuple(
            domain.Risk(
                code=row.code,
                process=row.process.code,
                description=row.description,
                probability=row.probability,
                consequence=row.consequence,
                actions=tuple(
                    domain.RiskAction(
                        action.code, action.text, follow_ups_to_domain(action.follow_ups.all())
                    )
                    for action in row.actions.all()
                ),
            )
            for row in risks
        ),
        audit_findings=tuple(
            domain.AuditFinding(
                code=row.code,
                title=row.title,
                case_reference=row.case_reference,
                background=row.background,
                actions=tuple(
                    domain.AuditAction(
                        action.code, action.text, follow_ups_to_domain(action.follow_ups.all())
                    )
                    for action in row.actions.all()
                ),
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
