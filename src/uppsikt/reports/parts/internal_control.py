"""The internal-control part: risk actions, actions on audit findings, systematic controls."""

from __future__ import annotations

from uppsikt.domain.assignments import FollowedUp
from uppsikt.reports.document import Cell, Table, TableRow
from uppsikt.reports.parts.common import ReportInput, comment, status_of, text


def internal_control_tables(source: ReportInput) -> list[Table]:
    """The three tables of the internal-control follow-up; a group's name shows on its first row."""
    plan = source.committee.internal_control
    period = source.context.period.key
    vocabulary = source.context.control_statuses
    processes = {item.code: item.name for item in plan.processes}

    def follow(item: FollowedUp) -> tuple[Cell, Cell]:
        follow_up = item.follow_up(period)
        return (
            status_of(vocabulary, follow_up.status if follow_up else None),
            comment(follow_up.comment if follow_up else ""),
        )

    risk_rows: list[TableRow] = []
    shown_process = None
    for risk in plan.risks:
        for index, action in enumerate(risk.actions):
            process = processes.get(risk.process, "")
            risk_rows.append(
                TableRow(
                    (
                        text(action.text),
                        text(process if process != shown_process else ""),
                        text(risk.description if index == 0 else ""),
                        *follow(action),
                    )
                )
            )
            shown_process = process
    finding_rows: list[TableRow] = []
    for finding in plan.audit_findings:
        title = (
            f"{finding.title} (diarienummer {finding.case_reference})"
            if finding.case_reference
            else finding.title
        )
        for index, audit_action in enumerate(finding.actions):
            finding_rows.append(
                TableRow(
                    (
                        text(audit_action.text),
                        text(title if index == 0 else ""),
                        text(finding.background if index == 0 else ""),
                        *follow(audit_action),
                    )
                )
            )
    control_rows: list[TableRow] = []
    shown_process = None
    for control in plan.controls:
        process = processes.get(control.process, "")
        why = f" Varför görs kontrollen? {control.purpose}" if control.purpose else ""
        control_rows.append(
            TableRow(
                (
                    text(control.text + why),
                    text(process if process != shown_process else ""),
                    *follow(control),
                )
            )
        )
        shown_process = process
    specs = (
        (
            "riskatgarder",
            "Åtgärder för att minska identifierade risker",
            ("Riskåtgärd", "Mål / process", "Risk", "Status", "Kommentar"),
            risk_rows,
            (20, 19, 21, 12, 28),
        ),
        (
            "granskningar",
            "Åtgärder utifrån rekommendation från revision eller annan extern granskning",
            ("Åtgärd", "Revision/granskning", "Risk/bakgrund", "Status", "Kommentar"),
            finding_rows,
            (20, 18, 20, 12, 30),
        ),
        (
            "kontroller",
            "Systematiska kontroller",
            ("Systematisk kontroll", "Mål / process", "Status", "Kommentar"),
            control_rows,
            (32, 17, 12, 39),
        ),
    )
    return [
        Table(key, caption, (tuple(map(text, headers)),), tuple(rows), widths)
        for key, caption, headers, rows, widths in specs
        if rows
    ]
