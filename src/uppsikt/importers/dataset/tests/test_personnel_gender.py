"""Headcount and turnover by gender in the dataset format: read, written, read back unchanged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from uppsikt.domain.indicators import Gender
from uppsikt.domain.personnel import Headcount, Turnover, latest_on_or_before
from uppsikt.importers.dataset import dump_dataset, parse_dataset

MINIMAL = (Path(__file__).parent / "testdata" / "minimal.yaml").read_text(encoding="utf-8")
BY_GENDER = MINIMAL.replace(
    "        - date: 2023-04-30\n          count: 125\n",
    "        - date: 2023-04-30\n          count: 125\n"
    "        - date: 2023-04-30\n          count: 80\n          gender: K\n",
).replace(
    "          percent: 12.5\n          unit: FSK\n",
    "          percent: 12.5\n          unit: FSK\n"
    "        - date: 2023-04-30\n          percent: 9.5\n          gender: M\n",
)


def test_a_gender_on_headcount_and_turnover_reads_and_survives_a_dump() -> None:
    dataset, problems = parse_dataset(BY_GENDER, "dataset.yaml")
    assert problems == []
    assert dataset is not None
    personnel = dataset.committee("BN").personnel
    assert personnel.headcount[-1] == Headcount(date(2023, 4, 30), 80, None, Gender.WOMEN)
    assert personnel.turnover[-1] == Turnover(date(2023, 4, 30), Decimal("9.5"), None, Gender.MEN)
    text = dump_dataset(dataset)
    assert "gender: K" in text
    again, problems = parse_dataset(text, "dump.yaml")
    assert problems == []
    assert again == dataset


def test_a_wrong_gender_is_a_problem_at_its_place() -> None:
    _, problems = parse_dataset(BY_GENDER.replace("gender: K", "gender: X", 1), "dataset.yaml")
    assert [problem.location.field for problem in problems] == [
        "committees[0].personnel.headcount[2].gender"
    ]


def test_the_figures_of_everyone_are_not_mixed_with_one_genders() -> None:
    series = (
        Headcount(date(2023, 4, 30), 125),
        Headcount(date(2023, 5, 31), 80, None, Gender.WOMEN),
    )
    assert latest_on_or_before(series, date(2023, 6, 30)) == series[0]
    assert latest_on_or_before(series, date(2023, 6, 30), gender=Gender.WOMEN) == series[1]
