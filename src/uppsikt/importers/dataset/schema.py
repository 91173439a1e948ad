"""The fields of every record of the dataset format, and which are required.

The parser accepts exactly these keys, and `tests/test_docs.py` checks that each is
documented in `docs/dataset-format.md`.
"""

from __future__ import annotations

Schema = dict[str, dict[str, bool]]


def _fields(required: str, optional: str = "") -> dict[str, bool]:
    fields = dict.fromkeys(required.split(), True)
    fields.update(dict.fromkeys(optional.split(), False))
    return fields


SCHEMA: Schema = {
    "dataset": _fields(
        "format municipality year status_vocabularies assessment_scales periods committees",
        "risk_matrix perspectives",
    ),
    "municipality": _fields("name kolada_id"),
    "status_vocabulary": _fields("code name statuses"),
    "status": _fields("code label outcome symbol", "colour"),
    "assessment_scale": _fields("code name levels"),
    "assessment_level": _fields("code label symbol", "colour min_share"),
    "risk_matrix": _fields("probability consequence", "bands"),
    "risk_band": _fields("label max_score"),
    "period": _fields("key", "name closing_date comparison"),
    "perspective": _fields("code name council_goals"),
    "council_goal": _fields("code name"),
    "committee": _fields(
        "code name assignment_statuses control_statuses assessment_scale",
        "units periods goals assignments internal_control personnel narratives economy report",
    ),
    "unit": _fields("code name kind", "units"),
    "committee_period": _fields("state", "decision_date decision_paragraph case_reference"),
    "goal": _fields("code council_goal name", "indicators assessments"),
    "assessment": _fields("", "level comment"),
    "indicator": _fields(
        "code name unit decimals polarity", "source values milestone long_term comments"
    ),
    "indicator_value": _fields("", "value source fetched"),
    "target": _fields("comparator value year", "note"),
    "assignment": _fields("code text origin", "goal unit follow_up"),
    "follow_up": _fields("", "status comment"),
    "internal_control": _fields("", "processes risks audit_findings controls"),
    "process": _fields("code name"),
    "risk": _fields("code process description", "probability consequence actions"),
    "audit_finding": _fields("code title", "case_reference background actions"),
    "action": _fields("code text", "follow_up"),
    "control": _fields("code process text", "purpose frequency follow_up"),
    "personnel": _fields("", "headcount turnover sick_leave"),
    "headcount": _fields("date count", "unit gender"),
    "turnover": _fields("date percent", "unit gender"),
    "sick_leave": _fields("month percent", "gender length basis"),
    "narrative": _fields("key title", "body sections draft"),
    "report_section": _fields("", "title narrative part part_first table appendix sections"),
    "economy": _fields("", "frame tables"),
    "frame": _fields("unit decimals council", "adjustments stated"),
    "frame_part": _fields("text amount"),
    "adjustment": _fields("amount text body", "date reference"),
    "table": _fields(
        "key title unit decimals columns rows",
        "role costs column_groups values comments ledger",
    ),
    "column_group": _fields("key label"),
    "column": _fields("key label kind", "of group span year period decimals total"),
    "row": _fields("key label", "kind rows of_which sum_of of excluded"),
    "ledger_rule": _fields("row", "accounts ansvar verksamhet aktivitet projekt objekt motpart"),
}

FORMAT_VERSION = 1
