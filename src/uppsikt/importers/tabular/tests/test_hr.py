"""An HR export as personnel figures per month and gender; blank cells no figure, faults placed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import Headcount, SickLeave, SickLeaveBasis, SickLeaveLength, Turnover
from uppsikt.importers.tabular.hr import HR_FIELDS, read_hr
from uppsikt.importers.tabular.table import TabularError

T, K, M = Gender.TOTAL, Gender.WOMEN, Gender.MEN
EXPORT = """Månad;Kön;Antal anställda;Personalomsättning (%);Sjukfrånvaro (%);Sjukfrånvaro 1–14 dagar
2023-01;Totalt;1 204;12,5;6,1;2,0
2023-01;Kvinnor;850;;7,2;
2023-01;Män;354;;3,5;
2023-02;T;1 210;12,1;5,9;1,8
"""


def hr_file(tmp_path: Path, text: str, name: str = "hr.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))
    return path


def test_the_export_gives_each_figure_by_month_and_gender(tmp_path: Path) -> None:
    found = read_hr(hr_file(tmp_path, EXPORT), 2023)
    assert found.problems == []
    assert found.headcount == [
        Headcount(date(2023, 1, 31), 1204, gender=T),
        Headcount(date(2023, 1, 31), 850, gender=K),
        Headcount(date(2023, 1, 31), 354, gender=M),
        Headcount(date(2023, 2, 28), 1210, gender=T),
    ]
    assert found.turnover == [
        Turnover(date(2023, 1, 31), Decimal("12.5")),
        Turnover(date(2023, 2, 28), Decimal("12.1")),
    ]
    month = SickLeaveBasis.MONTH
    assert found.sick_leave == [
        SickLeave(date(2023, 1, 1), Decimal("6.1"), T, SickLeaveLength.TOTAL, month),
        SickLeave(date(2023, 1, 1), Decimal("2.0"), T, SickLeaveLength.SHORT, month),
        SickLeave(date(2023, 1, 1), Decimal("7.2"), K, SickLeaveLength.TOTAL, month),
        SickLeave(date(2023, 1, 1), Decimal("3.5"), M, SickLeaveLength.TOTAL, month),
        SickLeave(date(2023, 2, 1), Decimal("5.9"), T, SickLeaveLength.TOTAL, month),
        SickLeave(date(2023, 2, 1), Decimal("1.8"), T, SickLeaveLength.SHORT, month),
    ]
    assert found.months == {
        "headcount": {(2023, 1), (2023, 2)},
        "turnover": {(2023, 1), (2023, 2)},
        "sick_leave": {(2023, 1), (2023, 2)},
        "sick_leave_short": {(2023, 1), (2023, 2)},
    }


def test_without_a_gender_column_every_figure_is_everyones(tmp_path: Path) -> None:
    found = read_hr(hr_file(tmp_path, "Period;Sjukfrånvaro\n202303;4,5 %\n"), 2023)
    assert found.sick_leave == [SickLeave(date(2023, 3, 1), Decimal("4.5"))]


FAULTS = [
    ("2023-01;X;1", "hr.csv:2: Kön: tabular.bad-gender: 'X' är inget kön; skriv T, K eller M"),
    ("2023-01;K;-3", "hr.csv:2: Antal anställda: tabular.bad-count: '-3' är inget helt antal"),
    ("2023-01;K;12,5", "hr.csv:2: Antal anställda: tabular.bad-count"),
    ("2023-13;K;1", "hr.csv:2: Månad: tabular.bad-period: '2023-13' är ingen månad"),
    (";K;1", "hr.csv:2: Månad: tabular.missing-value: period saknas"),
]


@pytest.mark.parametrize(("row", "fault"), FAULTS)
def test_a_fault_names_its_place_and_code_and_the_row_is_left_out(
    tmp_path: Path, row: str, fault: str
) -> None:
    text = f"Månad;Kön;Antal anställda\n{row}\n2023-02;K;5\n"
    found = read_hr(hr_file(tmp_path, text), 2023, name="hr.csv", columns={"period": "Månad"})
    assert [str(problem)[: len(fault)] for problem in found.problems] == [fault]
    assert [item.count for item in found.headcount] == [5]


def test_a_percentage_over_100_is_a_fault_at_its_cell(tmp_path: Path) -> None:
    found = read_hr(hr_file(tmp_path, "Månad;Sjukfrånvaro\n2023-01;150\n"), 2023, name="hr.csv")
    assert [str(problem) for problem in found.problems] == [
        "hr.csv:2: Sjukfrånvaro: tabular.bad-percent: 150 procent ligger inte mellan 0 och 100"
    ]


def test_the_same_figure_twice_with_another_value_keeps_the_first_and_says_so(
    tmp_path: Path,
) -> None:
    text = "Månad;Kön;Antal anställda\n2023-01;K;5\n2023-01;K;5\n2023-01;kvinnor;6\n"
    found = read_hr(hr_file(tmp_path, text), 2023, name="hr.csv")
    assert [item.count for item in found.headcount] == [5]
    assert [str(problem) for problem in found.problems] == [
        (
            "hr.csv:4: Antal anställda: tabular.duplicate: headcount för 2023-01 och kön K står "
            "redan som 5; 6 lämnas utanför"
        )
    ]


def test_months_of_other_years_are_left_out_and_said_once(tmp_path: Path) -> None:
    found = read_hr(hr_file(tmp_path, "Månad;Sjukfrånvaro\n2022-12;5\n2023-01;4\n"), 2023)
    assert [problem.message for problem in found.problems] == [
        "tabular.outside-year: 1 rader gäller andra år än 2023"
    ]
    assert len(found.sick_leave) == 1


def test_an_export_without_any_figure_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TabularError, match=r"tabular\.no-header: ingen kolumn för headcount"):
        read_hr(hr_file(tmp_path, "Månad;Kön;Lön\n2023-01;K;30000\n"), 2023)


def test_the_usual_headers_name_one_field_each() -> None:
    headers = [header for names in HR_FIELDS.values() for header in names]
    assert len(headers) == len(set(headers))
