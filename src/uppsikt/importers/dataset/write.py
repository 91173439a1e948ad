"""Write a `Dataset` in the YAML dataset format, in the order and layout a person would."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

import yaml

from uppsikt.domain.assignments import FollowUp
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.frame import BudgetFrame
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import (
    CostSign,
    FinancialTable,
    Row,
    RowKind,
    Span,
    placed_rows,
)
from uppsikt.domain.goals import CommitteeGoal
from uppsikt.domain.indicators import Gender, Indicator, IndicatorValue, PeriodText, Target
from uppsikt.domain.internal_control import InternalControl, RiskMatrix
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.organisation import OrgUnit, children
from uppsikt.domain.periods import CommitteePeriod, ReportingPeriod
from uppsikt.domain.personnel import Personnel, SickLeaveBasis, SickLeaveLength
from uppsikt.domain.report_template import TemplateSection
from uppsikt.domain.vocabularies import AssessmentScale, StatusVocabulary
from uppsikt.importers.dataset.schema import FORMAT_VERSION

Plain = dict[str, Any]


class _Dumper(yaml.SafeDumper):
    """Block style, texts with line breaks as literal blocks, decimals exactly."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = f"{value:f}"
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _date(dumper: yaml.SafeDumper, value: date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


class Flow(list[Any]):
    """A short list written on one line: `[a, b, c]`."""


def _flow(dumper: yaml.SafeDumper, value: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(Flow, _flow)
_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(date, _date)


def _drop_empty(fields: Plain) -> Plain:
    """Leave out optional fields with nothing in them, as a person writing by hand would."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], {})}


def dump_dataset(dataset: Dataset) -> str:
    """The dataset as YAML text in the dataset format."""
    document: Plain = {
        "format": FORMAT_VERSION,
        "municipality": {
            "name": dataset.municipality.name,
            "kolada_id": dataset.municipality.kolada_id,
        },
        "year": dataset.year,
        "status_vocabularies": [_vocabulary(item) for item in dataset.status_vocabularies],
        "assessment_scales": [_scale(item) for item in dataset.assessment_scales],
        "risk_matrix": _matrix(dataset.risk_matrix),
        "periods": [_period(item) for item in dataset.periods],
        "perspectives": [
            {
                "code": item.code,
                "name": item.name,
                "council_goals": [{"code": g.code, "name": g.name} for g in item.council_goals],
            }
            for item in dataset.perspectives
        ],
        "committees": [_committee(item) for item in dataset.committees],
    }
    return yaml.dump(
        _drop_empty(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def _vocabulary(item: StatusVocabulary) -> Plain:
    return {
        "code": item.code,
        "name": item.name,
        "statuses": [
            _drop_empty(
                {
                    "code": status.code,
                    "label": status.label,
                    "outcome": status.outcome.value,
                    "symbol": status.symbol,
                    "colour": status.colour.value if status.colour else None,
                }
            )
            for status in item.statuses
        ],
    }


def _scale(item: AssessmentScale) -> Plain:
    return {
        "code": item.code,
        "name": item.name,
        "levels": [
            _drop_empty(
                {
                    "code": level.code,
                    "label": level.label,
                    "symbol": level.symbol,
                    "colour": level.colour.value if level.colour else None,
                    "min_share": level.min_share,
                }
            )
            for level in item.levels
        ],
    }


def _matrix(item: RiskMatrix | None) -> Plain | None:
    if item is None:
        return None
    return _drop_empty(
        {
            "probability": Flow(item.probability),
            "consequence": Flow(item.consequence),
            "bands": [{"label": band.label, "max_score": band.max_score} for band in item.bands],
        }
    )


def _period(item: ReportingPeriod) -> Plain:
    return _drop_empty(
        {
            "key": str(item.key),
            "name": item.name,
            "closing_date": item.closing_date,
            "comparison": str(item.comparison) if item.comparison else None,
        }
    )


def _committee(item: CommitteeYear) -> Plain:
    return _drop_empty(
        {
            "code": item.committee.code,
            "name": item.committee.name,
            "assignment_statuses": item.assignment_statuses,
            "control_statuses": item.control_statuses,
            "assessment_scale": item.assessment_scale,
            "units": _units(item.units, None),
            "periods": {str(period.period): _committee_period(period) for period in item.periods},
            "goals": [_goal(goal) for goal in item.goals],
            "assignments": [
                _drop_empty(
                    {
                        "code": assignment.code,
                        "text": assignment.text,
                        "origin": assignment.origin.value,
                        "goal": assignment.goal,
                        "unit": assignment.unit,
                        "follow_up": _follow_ups(assignment.follow_ups),
                    }
                )
                for assignment in item.assignments
            ],
            "internal_control": _internal_control(item.internal_control),
            "personnel": _personnel(item.personnel),
            "narratives": _narratives(item.narratives),
            "economy": _economy(item.economy),
            "report": {
                str(report.period): [_report_section(s) for s in report.sections]
                for report in item.reports
            },
        }
    )


def _units(units: tuple[OrgUnit, ...], parent: str | None) -> list[Plain]:
    return [
        _drop_empty(
            {
                "code": unit.code,
                "name": unit.name,
                "kind": unit.kind.value,
                "units": _units(units, unit.code),
            }
        )
        for unit in children(units, parent)
    ]


def _committee_period(item: CommitteePeriod) -> Plain:
    decision = item.decision
    return _drop_empty(
        {
            "state": item.state.value,
            "decision_date": decision.date if decision else None,
            "decision_paragraph": decision.paragraph if decision else None,
            "case_reference": decision.case_reference if decision else None,
        }
    )


def _goal(item: CommitteeGoal) -> Plain:
    return _drop_empty(
        {
            "code": item.code,
            "council_goal": item.council_goal,
            "name": item.name,
            "indicators": [_indicator(indicator) for indicator in item.indicators],
            "assessments": {
                str(assessment.period): _drop_empty(
                    {"level": assessment.level, "comment": assessment.comment}
                )
                for assessment in item.assessments
            },
        }
    )


def _value(item: IndicatorValue) -> Any:
    """A value as written: the bare number, or with its source and fetch date."""
    if not item.source and item.fetched is None:
        return item.value
    return {"value": item.value, **_drop_empty({"source": item.source, "fetched": item.fetched})}


def _indicator(item: Indicator) -> Plain:
    values: dict[int, Any] = {}
    for year in item.years():
        entries = [value for value in item.values if value.year == year]
        if len(entries) == 1 and entries[0].gender is Gender.TOTAL:
            values[year] = _value(entries[0])
        else:
            values[year] = {entry.gender.value: _value(entry) for entry in entries}
    return _drop_empty(
        {
            "code": item.code,
            "name": item.name,
            "unit": item.unit,
            "decimals": item.decimals,
            "polarity": item.polarity.value,
            "source": str(item.source),
            "values": values,
            "milestone": _target(item.milestone),
            "long_term": _target(item.long_term),
            "comments": _period_texts(item.comments),
        }
    )


def _target(item: Target | None) -> Plain | None:
    if item is None:
        return None
    return _drop_empty(
        {
            "comparator": item.comparator.value,
            "value": item.value,
            "year": item.year,
            "note": item.note,
        }
    )


def _period_texts(items: Iterable[PeriodText]) -> dict[str, str]:
    return {str(item.period): item.text for item in items}


def _follow_ups(items: Iterable[FollowUp]) -> dict[str, Plain]:
    return {
        str(item.period): _drop_empty({"status": item.status, "comment": item.comment})
        for item in items
    }


def _actions(items: Iterable[Any]) -> list[Plain]:
    return [
        _drop_empty(
            {"code": item.code, "text": item.text, "follow_up": _follow_ups(item.follow_ups)}
        )
        for item in items
    ]


def _internal_control(item: InternalControl) -> Plain:
    return _drop_empty(
        {
            "processes": [{"code": p.code, "name": p.name} for p in item.processes],
            "risks": [
                _drop_empty(
                    {
                        "code": risk.code,
                        "process": risk.process,
                        "description": risk.description,
                        "probability": risk.probability,
                        "consequence": risk.consequence,
                        "actions": _actions(risk.actions),
                    }
                )
                for risk in item.risks
            ],
            "audit_findings": [
                _drop_empty(
                    {
                        "code": finding.code,
                        "title": finding.title,
                        "case_reference": finding.case_reference,
                        "background": finding.background,
                        "actions": _actions(finding.actions),
                    }
                )
                for finding in item.audit_findings
            ],
            "controls": [
                _drop_empty(
                    {
                        "code": control.code,
                        "process": control.process,
                        "text": control.text,
                        "purpose": control.purpose,
                        "frequency": control.frequency,
                        "follow_up": _follow_ups(control.follow_ups),
                    }
                )
                for control in item.controls
            ],
        }
    )


def _personnel(item: Personnel) -> Plain:
    return _drop_empty(
        {
            "headcount": [
                _drop_empty(
                    {
                        "date": entry.date,
                        "count": entry.count,
                        "unit": entry.unit,
                        "gender": _gender(entry.gender),
                    }
                )
                for entry in item.headcount
            ],
            "turnover": [
                _drop_empty(
                    {
                        "date": entry.date,
                        "percent": entry.percent,
                        "unit": entry.unit,
                        "gender": _gender(entry.gender),
                    }
                )
                for entry in item.turnover
            ],
            "sick_leave": [
                _drop_empty(
                    {
                        "month": f"{entry.month:%Y-%m}",
                        "percent": entry.percent,
                        "gender": _gender(entry.gender),
                        "length": None
                        if entry.length is SickLeaveLength.TOTAL
                        else entry.length.value,
                        "basis": None if entry.basis is SickLeaveBasis.MONTH else entry.basis.value,
                    }
                )
                for entry in item.sick_leave
            ],
        }
    )


def _gender(gender: Gender) -> str | None:
    return None if gender is Gender.TOTAL else gender.value


def _narratives(items: tuple[Narrative, ...]) -> dict[str, list[Plain]]:
    by_period: dict[str, list[Plain]] = {}
    for item in items:
        by_period.setdefault(str(item.period), []).append(_narrative(item))
    return by_period


def _narrative(item: Narrative) -> Plain:
    return _drop_empty(
        {
            "key": item.key,
            "title": item.title,
            "draft": item.draft or None,
            "body": item.body,
            "sections": [_narrative(section) for section in item.sections],
        }
    )


def _in_unit(unit: Unit, kronor: Decimal, sign: Decimal = Decimal(1)) -> Decimal:
    """Kronor as written in a unit: exact, without trailing zeros."""
    value = (unit.from_kronor(kronor) * sign).normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral() else value


def _economy(item: Economy) -> Plain:
    return _drop_empty(
        {
            "frame": _frame(item.frame) if item.frame else None,
            "tables": [_table(table) for table in item.tables],
        }
    )


def _frame(item: BudgetFrame) -> Plain:
    return _drop_empty(
        {
            "unit": item.unit.value,
            "decimals": item.decimals,
            "council": [
                {"text": part.text, "amount": _in_unit(item.unit, part.amount)}
                for part in item.council
            ],
            "adjustments": [
                _drop_empty(
                    {
                        "amount": _in_unit(item.unit, adjustment.amount),
                        "text": adjustment.text,
                        "body": adjustment.body,
                        "date": adjustment.date,
                        "reference": adjustment.reference,
                    }
                )
                for adjustment in item.adjustments
            ],
            "stated": _in_unit(item.unit, item.stated) if item.stated is not None else None,
        }
    )


def _row(item: Row) -> Plain:
    return _drop_empty(
        {
            "key": item.key,
            "label": item.label,
            "kind": None if item.kind is RowKind.DATA else item.kind.value,
            "rows": [_row(child) for child in item.rows],
            "of_which": item.of_which or None,
            "sum_of": Flow(item.sum_of),
            "of": item.of,
            "excluded": item.excluded or None,
        }
    )


def _table(item: FinancialTable) -> Plain:
    rows = {placed.row.key: placed.row for placed in placed_rows(item.rows)}
    values: dict[str, dict[str, list[Any]]] = {}
    comments: dict[str, dict[str, str]] = {}
    for written in item.values:
        lookup = written.lookup()
        figures: dict[str, list[Any]] = {}
        for key, row in rows.items():
            line = [lookup.get((key, column.key)) for column in item.columns]
            if any(value is not None for value in line):
                figures[key] = Flow(
                    _written(item, row, column.key, value)
                    for column, value in zip(item.columns, line, strict=True)
                )
        if figures:
            values[str(written.period)] = figures
        if written.comments:
            comments[str(written.period)] = {c.row: c.text for c in written.comments}
    return _drop_empty(
        {
            "key": item.key,
            "title": item.title,
            "role": item.role.value if item.role else None,
            "unit": item.unit.value,
            "decimals": item.decimals,
            "costs": None if item.costs is CostSign.NEGATIVE else item.costs.value,
            "column_groups": [{"key": g.key, "label": g.label} for g in item.column_groups],
            "columns": [
                _drop_empty(
                    {
                        "key": column.key,
                        "label": column.label,
                        "kind": column.kind.value,
                        "of": Flow(column.of),
                        "group": column.group,
                        "span": None if column.span is Span.YEAR else column.span.value,
                        "year": column.year_offset or None,
                        "period": "previous" if column.previous_period else None,
                        "decimals": column.decimals,
                        "total": None if column.in_totals else False,
                    }
                )
                for column in item.columns
            ],
            "rows": [_row(row) for row in item.rows],
            "values": values,
            "comments": comments,
            "ledger": [
                _drop_empty(
                    {
                        "row": rule.row,
                        "accounts": Flow(str(account) for account in rule.accounts),
                        **{f.dimension: Flow(f.codes) for f in rule.filters},
                    }
                )
                for rule in item.ledger
            ],
        }
    )


def _written(table: FinancialTable, row: Row, column: str, value: object) -> object:
    """A cell as it is written: amounts in the table's unit and published sign."""
    spec = table.column(column)
    if not isinstance(value, Decimal) or spec.is_percentage or row.kind is RowKind.CHANGE:
        return value
    if not spec.is_amount:
        return value
    return _in_unit(table.unit, value, table.costs.factor)


def _report_section(item: TemplateSection) -> Plain:
    return _drop_empty(
        {
            "title": item.title,
            "narrative": item.narrative,
            "part": item.part.value if item.part else None,
            "part_first": item.part_first or None,
            "table": item.table,
            "appendix": item.appendix or None,
            "sections": [_report_section(child) for child in item.sections],
        }
    )
