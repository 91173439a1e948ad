"""Parsing the dataset format: a complete file reads exactly, and every fault names its place."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from uppsikt.domain.indicators import Gender, IndicatorValue, SourceKind
from uppsikt.domain.periods import PeriodKey, PeriodState
from uppsikt.importers.dataset import dump_dataset, parse_dataset, read_dataset

TESTDATA = Path(__file__).parent / "testdata"
MINIMAL = (TESTDATA / "minimal.yaml").read_text(encoding="utf-8")
# An economy and a report structure for minimal.yaml's committee: every record and field once.
ECONOMY = (TESTDATA / "economy-and-report.yaml").read_text(encoding="utf-8")
T1 = PeriodKey.parse("2023-T1")


def test_a_complete_file_reads_into_the_domain_exactly() -> None:
    dataset, problems = read_dataset(TESTDATA / "minimal.yaml")
    assert problems == []
    assert dataset is not None
    committee = dataset.committee("BN")
    indicator = committee.goals[0].indicators[0]
    assert indicator.values == (
        IndicatorValue(2021, Decimal("88.5")),
        IndicatorValue(2022, Decimal("90.1")),
        IndicatorValue(2022, Decimal("91.0"), Gender.WOMEN),
        IndicatorValue(2022, Decimal("89.2"), Gender.MEN),
        IndicatorValue(2023, None),
    )
    assert indicator.source.kind is SourceKind.KOLADA
    assert indicator.long_term is not None
    assert indicator.long_term.note == "per år"
    assert [unit.parent for unit in committee.units] == [None, "BF"]
    assert committee.periods[0].state is PeriodState.APPROVED
    assert committee.periods[0].decision is not None
    assert committee.periods[0].decision.date == date(2023, 5, 24)
    follow_up = committee.assignments[0].follow_up(T1)
    assert follow_up is not None
    assert follow_up.comment == "Planen är antagen.\n\nDen följs upp i augusti."
    assert committee.internal_control.risks[0].score(dataset.risk_matrix) == 6  # type: ignore[arg-type]
    assert committee.narratives[0].sections[0].key == "staff"


def test_writing_and_reading_back_gives_the_same_dataset_and_the_same_text() -> None:
    dataset, _ = parse_dataset(MINIMAL, "minimal.yaml")
    assert dataset is not None
    text = dump_dataset(dataset)
    again, problems = parse_dataset(text, "dump.yaml")
    assert problems == []
    assert again == dataset
    assert again is not None
    assert dump_dataset(again) == text


def test_an_economy_reads_into_kronor_with_uppsikts_sign() -> None:
    dataset, problems = parse_dataset(MINIMAL + ECONOMY, "economy.yaml")
    assert problems == []
    assert dataset is not None
    economy = dataset.committee("BN").economy
    assert economy.frame is not None
    assert [item.amount for item in economy.frame.adjustments] == [
        Decimal(2_500_000),
        Decimal(-400_000),
    ]
    drift = economy.tables[0]
    lookup = drift.values[0].lookup()
    assert lookup[("forskola", "budget")] == Decimal(-500_000_000)  # costs published positive
    assert lookup[("grundskola", "andel")] == Decimal("33.1")  # percentages are not amounts
    assert drift.columns[2].previous_period
    stod = economy.tables[1].values[0].lookup()
    assert (stod[("skolverket", "mal")], stod[("skolverket", "beviljat")]) == ("M1", True)
    assert [str(rule.accounts[0]) for rule in drift.ledger] == ["3-7", "3000-7999"]
    again, problems = parse_dataset(dump_dataset(dataset), "dump.yaml")
    assert problems == []
    assert again == dataset


def test_a_decimal_comma_in_quotes_is_read_exactly() -> None:
    text = MINIMAL.replace("2021: 88.5", '2021: "88,5"')
    dataset, problems = parse_dataset(text, "x.yaml")
    assert problems == []
    assert dataset is not None
    assert dataset.committees[0].goals[0].indicators[0].value(2021) == Decimal("88.5")


def line_of(text: str, fragment: str) -> int:
    """The 1-based number of the last line holding `fragment`."""
    return max(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


# One fault per case: the text replaced in minimal.yaml, the text that replaces it, the line
# (found by a fragment of the faulty file) and field path the error must name, and a part of
# its message.
# fmt: off
MALFORMED = [
    ("yaml-syntax", "  name: Barnnämnden", "  name: [Barnnämnden", "assignment_statuses", "", "ogiltig YAML"),
    ("unknown-field", "polarity: higher", "polarty: higher", "polarty", "committees[0].goals[0].indicators[0].polarty", "okänt fält 'polarty'"),
    ("missing-field", '            unit: "%"\n', "", "- code: M1-I1", "committees[0].goals[0].indicators[0]", "fältet 'unit' saknas"),
    ("bad-choice", "polarity: higher", "polarity: upp", "polarity: upp", "committees[0].goals[0].indicators[0].polarity", "'upp' är inte tillåtet"),
    ("bad-number", "2021: 88.5", "2021: 88.5.1", "2021: 88.5.1", "committees[0].goals[0].indicators[0].values.2021", "'88.5.1' är inget tal"),
    ("bad-comparator", 'comparator: ">="\n              value: 90', 'comparator: "!="\n              value: 90', '"!="', "committees[0].goals[0].indicators[0].milestone.comparator", "ingen jämförelse"),
    ("unknown-council-goal", "council_goal: KF1", "council_goal: KF9", "council_goal: KF9", "committees[0].goals[0].council_goal", "okänd KF-mål 'KF9'"),
    ("unknown-status", "status: ej-klart", "status: ej-klar", "status: ej-klar", "committees[0].internal_control.risks[0].actions[0].follow_up.2023-T1.status", "okänd status 'ej-klar'"),
    ("unknown-period", "          2023-T1:\n            level", "          2023-T2:\n            level", "2023-T2:", "committees[0].goals[0].assessments.2023-T2", "okänd period '2023-T2'"),
    ("malformed-period", "  - key: 2023-T1", "  - key: 2023-Q1", "2023-Q1", "periods[0].key", "'2023-Q1' är ingen period"),
    ("period-outside-year", "  - key: 2023-T1\n    closing_date: 2023-04-30", "  - key: 2024-T1\n    closing_date: 2024-04-30", "2024-T1", "periods[0].key", "ligger inte i datasetets år 2023"),
    ("duplicate-code", "- code: G1-A1", "- code: R1-A1", "code: R1-A1", "committees[0].internal_control.audit_findings[0].actions[0].code", "koden 'R1-A1' finns redan"),
    ("unknown-unit", "unit: FSK\n        follow_up", "unit: FSX\n        follow_up", "unit: FSX", "committees[0].assignments[0].unit", "okänd enhet 'FSX'; kända: BF, FSK"),
    ("impossible-date", "decision_date: 2023-05-24", "decision_date: 2023-02-30", "2023-02-30", "committees[0].periods.2023-T1.decision_date", "'2023-02-30' är inget datum"),
    ("unknown-live-figure", "{assignments.total} uppdrag", "{assignments.totl} uppdrag", "assignments.totl", "committees[0].narratives.2023-T1[0].body", "okänd levande siffra {assignments.totl}"),
    ("format-version", "format: 1", "format: 2", "format: 2", "format", "formatversion 2 stöds inte"),
    ("repeated-field", "    name: Barnnämnden\n", "    name: Barnnämnden\n    name: Kopia\n", "name: Kopia", "committees[0].name", "fältet 'name' står två gånger"),
    ("outside-risk-matrix", "probability: 2", "probability: 7", "probability: 7", "committees[0].internal_control.risks[0].probability", "utanför matrisens 1–3"),
    ("not-a-list", "    assignments:\n", "    assignments: alla\n    old_assignments:\n", "assignments: alla", "committees[0].assignments", "väntade en lista"),
    ("percent-out-of-range", "percent: 6.1", "percent: 140", "percent: 140", "committees[0].personnel.sick_leave[0].percent", "140 procent ligger inte mellan 0 och 100"),
    ("unknown-gender", "K: 91.0", "X: 91.0", "X: 91.0", "committees[0].goals[0].indicators[0].values.2022.X", "'X' är inget kön"),
    ("yaml-alias", '  kolada_id: "9999"', '  kolada_id: &id "9999"\n  other: *id', "*id", "", "YAML-alias"),
    ("control-character", "  name: Exempelby kommun", '  name: "Exempelby\\vkommun"', "Exempelby", "municipality.name", "styrtecknet U+000B"),
    ("not-a-year", "2021: 88.5", "år2021: 88.5", "år2021", "committees[0].goals[0].indicators[0].values.år2021", "inget årtal"),
]
# fmt: on


# fmt: off
MALFORMED_ECONOMY = [
    ("too-few-values", "grundskola: [450500, 449000, null, 1500, 149000, 140000, 33.1]", "grundskola: [450500, 449000]", "grundskola: [450500, 449000]", "committees[0].economy.tables[0].values.2023-T1.grundskola", "raden har 2 värden men tabellen 7 kolumner"),
    ("unknown-row", "buffert: [1000,", "bufert: [1000,", "bufert: [1000,", "committees[0].economy.tables[0].values.2023-T1.bufert", "tabellen drift har ingen rad 'bufert'"),
    ("one-operand", "of: [budget, prognos]", "of: [budget]", "of: [budget]", "committees[0].economy.tables[0].columns[3].of", "räknas ur två kolumner"),
    ("unknown-operand", "of: [utfall, budget]", "of: [utfal, budget]", "of: [utfal, budget]", "committees[0].economy.tables[0].columns[6].of", "okänd kolumn 'utfal'"),
    ("bad-account-range", 'accounts: ["3000-7999"]', 'accounts: ["7999-3000"]', '"7999-3000"', "committees[0].economy.tables[0].ledger[1].accounts", "inget kontointervall"),
    ("rule-on-a-sum", "- row: grundskola\n", "- row: delsumma\n", "- row: delsumma", "committees[0].economy.tables[0].ledger[1].row", "'delsumma' är ingen datarad"),
    ("unknown-goal", "Lärarlöner, M1, ja", "Lärarlöner, M7, ja", "M7, ja", "committees[0].economy.tables[1].values.2023-T1.skolverket[2]", "okänd nämndmål 'M7'"),
    ("bad-flag", "M1, ja, 1000000", "M1, kanske, 1000000", "kanske", "committees[0].economy.tables[1].values.2023-T1.skolverket[3]", "'kanske' är varken ja eller nej"),
    ("two-result-tables", "          title: Externa bidrag\n", "          title: Externa bidrag\n          role: result\n", "- key: drift", "committees[0].economy.tables", "flera tabeller har rollen result"),
    ("bad-unit", "          unit: kr\n", "          unit: kkr\n", "unit: kkr", "committees[0].economy.tables[1].unit", "'kkr' är inte tillåtet"),
    ("change-without-row", "kind: change, of: summa}", "kind: change}", "kind: change}", "committees[0].economy.tables[0].rows[5]", "en förändringsrad anger i 'of'"),
    ("report-unknown-narrative", "- narrative: staff", "- narrative: staf", "- narrative: staf", "committees[0].report.2023-T1[0].sections[0].narrative", "okänd textavsnitt 'staf'"),
    ("report-unknown-table", "table: stod", "table: stöd", "table: stöd", "committees[0].report.2023-T1[5].table", "okänd tabell 'stöd'"),
    ("report-part-without-table", "part: table\n              table: drift", "part: table", "title: Driftredovisning", "committees[0].report.2023-T1[2].sections[0]", "ange dess nyckel i 'table'"),
    ("report-nested-appendix", "            - narrative: staff\n", "            - narrative: staff\n              appendix: true # inne\n", "# inne", "committees[0].report.2023-T1[0].sections[0].appendix", "bara ett avsnitt på översta nivån"),
    ("report-part-twice", "          part: internal_control", "          part: personnel", "part: personnel", "committees[0].report.2023-T1[4].part", "delen personnel visas redan i rapporten"),
    ("report-unknown-part", "part: goals", "part: mål", "part: mål", "committees[0].report.2023-T1[1].part", "'mål' är inte tillåtet"),
]
# fmt: on


@pytest.mark.parametrize(
    ("base", "old", "new", "fragment", "field", "message"),
    [(MINIMAL, *case[1:]) for case in MALFORMED]
    + [(MINIMAL + ECONOMY, *case[1:]) for case in MALFORMED_ECONOMY],
    ids=[case[0] for case in MALFORMED + MALFORMED_ECONOMY],
)
def test_each_fault_is_reported_with_file_line_and_field(
    base: str, old: str, new: str, fragment: str, field: str, message: str
) -> None:
    assert old in base
    text = base.replace(old, new, 1)
    dataset, problems = parse_dataset(text, "bad.yaml")
    assert dataset is None
    line = line_of(text, fragment.strip("\n"))
    found = [problem for problem in problems if message in problem.message]
    assert len(found) == 1, [str(problem) for problem in problems]
    assert found[0].location.file == "bad.yaml"
    assert (found[0].location.line, found[0].location.field) == (line, field), str(found[0])
    assert str(found[0]).startswith(f"bad.yaml:{line}: ")


def test_a_report_under_a_wrong_period_is_one_fault_not_one_per_section() -> None:
    text = (MINIMAL + ECONOMY).replace("    report:\n      2023-T1:", "    report:\n      2023-X1:")
    dataset, problems = parse_dataset(text, "bad.yaml")
    assert dataset is None
    assert [problem.message for problem in problems] == [
        "'2023-X1' är ingen period; skriv t.ex. 2023-VP, 2023-T1, 2023-T2, 2023-VB, 2023-M04"
    ]


def test_every_fault_of_a_file_is_reported_in_one_run() -> None:
    text = (
        MINIMAL.replace("polarity: higher", "polarity: upp")
        .replace("council_goal: KF1", "council_goal: KF9")
        .replace("percent: 6.1", "percent: -1")
    )
    dataset, problems = parse_dataset(text, "bad.yaml")
    assert dataset is None
    assert [problem.location.field.rsplit(".", 1)[-1] for problem in problems] == [
        "council_goal",
        "polarity",
        "percent",
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "- a list\n", "just text"])
def test_an_empty_or_shapeless_file_is_refused(text: str) -> None:
    dataset, problems = parse_dataset(text, "empty.yaml")
    assert dataset is None
    assert problems
    assert problems[0].location.file == "empty.yaml"


def test_a_missing_file_is_reported_with_its_name(tmp_path: Path) -> None:
    dataset, problems = read_dataset(tmp_path / "nothing.yaml")
    assert dataset is None
    assert "nothing.yaml" in str(problems[0])
