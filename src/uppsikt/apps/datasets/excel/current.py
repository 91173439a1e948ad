"""A committee's period as an Excel template holds it, read from the database.

The same template is exported, and built again at import to compare a filled-in workbook with.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from uppsikt.apps.assignments.models import Assignment, AssignmentFollowUp
from uppsikt.apps.datasets.queries import NotFoundError
from uppsikt.apps.economy.models import FinancialTable, TableCell
from uppsikt.apps.economy.services import entry_places
from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.goals.models import Indicator, IndicatorValue
from uppsikt.apps.internal_control import models as control
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.vocabularies.models import StatusVocabulary
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import CostSign
from uppsikt.domain.indicators import Gender
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.problems import DomainError
from uppsikt.importers.excel.template import (
    FollowUpRow,
    ForecastRow,
    IndicatorRow,
    ItemKind,
    Scope,
    Status,
    Template,
)

GENDERS = [gender.value for gender in Gender]  # T, K, M: the order rows are shown in


def find_scope(scope: Scope) -> tuple[CommitteeYear, ReportingPeriod]:
    """The committee's year and period a workbook names; NotFoundError when there is none."""
    try:
        key = PeriodKey.parse(scope.period)
    except DomainError as error:
        raise NotFoundError(str(error)) from None
    committee_year = (
        CommitteeYear.objects.filter(
            committee__municipality__kolada_id=scope.municipality,
            committee__code=scope.committee,
            year__year=key.year,
        )
        .select_related("committee__municipality", "year")
        .first()
    )
    if committee_year is None:
        raise NotFoundError(
            f"kommunen {scope.municipality} har ingen nämnd {scope.committee} år {key.year}"
        )
    period = committee_year.year.periods.filter(kind=key.kind.value, month=key.month).first()
    if period is None:
        raise NotFoundError(f"året {key.year} har ingen period {key}")
    return committee_year, period


def template_for(
    committee_year: CommitteeYear, period: ReportingPeriod, exported: datetime
) -> Template:
    """The committee's period as the workbook shows it."""
    committee = committee_year.committee
    return Template(
        scope=Scope(committee.municipality.kolada_id, committee.code, str(period.key)),
        municipality_name=committee.municipality.name,
        committee_name=committee.name,
        period_name=period.name or str(period.key),
        exported=exported,
        assignment_statuses=_statuses(committee_year.assignment_statuses),
        control_statuses=_statuses(committee_year.control_statuses),
        follow_ups=tuple(_follow_ups(committee_year, period)),
        indicators=tuple(_indicators(committee_year, period)),
        forecasts=tuple(_forecasts(committee_year, period)),
    )


def _statuses(vocabulary: StatusVocabulary) -> tuple[Status, ...]:
    return tuple(Status(status.code, status.label) for status in vocabulary.statuses.all())


def _row(
    kind: ItemKind, code: str, text: str, context: str, follow_up: FollowUpBase | None
) -> FollowUpRow:
    if follow_up is None:
        return FollowUpRow(kind, code, text, context, "", "", 0)
    status = follow_up.status.code if follow_up.status else ""
    return FollowUpRow(kind, code, text, context, status, follow_up.comment, follow_up.version)


def _saved(
    model: type[FollowUpBase], item_field: str, period: ReportingPeriod, **scope: object
) -> dict[int, FollowUpBase]:
    """The period's follow-ups of one kind of item, by the item's id."""
    rows = model._default_manager.filter(period=period, **scope).select_related("status")
    return {getattr(row, f"{item_field}_id"): row for row in rows}


def _follow_ups(committee_year: CommitteeYear, period: ReportingPeriod) -> list[FollowUpRow]:
    rows = []
    saved = _saved(
        AssignmentFollowUp, "assignment", period, assignment__committee_year=committee_year
    )
    for assignment in Assignment.objects.filter(committee_year=committee_year).select_related(
        "unit"
    ):
        unit = assignment.unit.name if assignment.unit else ""
        follow_up = saved.get(assignment.pk)
        rows.append(_row(ItemKind.ASSIGNMENT, assignment.code, assignment.text, unit, follow_up))
    saved = _saved(
        control.RiskActionFollowUp,
        "action",
        period,
        action__risk__process__committee_year=committee_year,
    )
    for action in (
        control.RiskAction.objects.filter(risk__process__committee_year=committee_year)
        .select_related("risk__process")
        .order_by("risk__position", "risk__pk", "position", "pk")
    ):
        risk = f"{action.risk.code} {action.risk.description}"
        follow_up = saved.get(action.pk)
        rows.append(_row(ItemKind.RISK_ACTION, action.code, action.text, risk, follow_up))
    saved = _saved(
        control.AuditActionFollowUp,
        "action",
        period,
        action__finding__committee_year=committee_year,
    )
    for audit in (
        control.AuditAction.objects.filter(finding__committee_year=committee_year)
        .select_related("finding")
        .order_by("finding__position", "finding__pk", "position", "pk")
    ):
        follow_up = saved.get(audit.pk)
        rows.append(
            _row(ItemKind.AUDIT_ACTION, audit.code, audit.text, audit.finding.title, follow_up)
        )
    saved = _saved(
        control.ControlFollowUp, "control", period, control__process__committee_year=committee_year
    )
    for item in control.Control.objects.filter(
        process__committee_year=committee_year
    ).select_related("process"):
        follow_up = saved.get(item.pk)
        rows.append(_row(ItemKind.CONTROL, item.code, item.text, item.process.name, follow_up))
    return rows


def _indicators(committee_year: CommitteeYear, period: ReportingPeriod) -> list[IndicatorRow]:
    """Each indicator's values, and an empty row for the period's year where it has none."""
    rows = []
    indicators = (
        Indicator.objects.filter(goal__committee_year=committee_year)
        .order_by("goal__position", "goal__pk", "position", "pk")
        .prefetch_related("values")
    )
    year = period.key.year
    for indicator in indicators:
        values: dict[tuple[int, str], IndicatorValue | None] = {
            (value.year, value.gender): value for value in indicator.values.all()
        }
        genders = {gender for _, gender in values} or {Gender.TOTAL.value}
        for gender in genders:
            values.setdefault((year, gender), None)
        for (value_year, gender), value in sorted(
            values.items(), key=lambda item: (item[0][0], GENDERS.index(item[0][1]))
        ):
            rows.append(
                IndicatorRow(
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    value_year,
                    gender,
                    value.value if value else None,
                    value.version if value else 0,
                )
            )
    return rows


def _forecasts(committee_year: CommitteeYear, period: ReportingPeriod) -> list[ForecastRow]:
    """The cells a controller enters: each data row's forecast, in the table's unit and sign."""
    cells = {
        (cell.table_id, cell.row_id, cell.column_id): cell
        for cell in TableCell.objects.filter(table__committee_year=committee_year, period=period)
    }
    rows = []
    tables = FinancialTable.objects.filter(committee_year=committee_year).prefetch_related(
        "rows", "columns"
    )
    for table in tables:
        table_rows = {row.key: row for row in table.rows.all()}
        columns = {column.key: column for column in table.columns.all()}
        factor = Unit(table.unit).factor * CostSign(table.costs).factor
        for row_key, column_key in entry_places(table):
            row, column = table_rows[row_key], columns[column_key]
            cell = cells.get((table.pk, row.pk, column.pk))
            number = cell.number if cell else None
            rows.append(
                ForecastRow(
                    table.key,
                    table.title,
                    row.key,
                    row.label,
                    column.key,
                    column.label,
                    table.unit,
                    factor,
                    None if number is None else _shown(number, factor),
                    cell.version if cell else 0,
                )
            )
    return rows


def _shown(kronor: Decimal, factor: Decimal) -> Decimal:
    """Kronor in the table's unit and sign, exactly (the unit's factor is a power of ten)."""
    shown = (kronor / factor).normalize()
    return Decimal(0) if shown.is_zero() else shown
