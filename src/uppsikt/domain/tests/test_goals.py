from decimal import Decimal

from uppsikt.domain.goals import CommitteeGoal, suggest_assessment
from uppsikt.domain.indicators import Comparator, Indicator, IndicatorValue, Polarity, Target
from uppsikt.domain.tests.test_vocabularies import SCALE


def indicator(value: str | None, comparator: str | None) -> Indicator:
    return Indicator(
        "I",
        "I",
        "%",
        0,
        Polarity.HIGHER,
        values=(IndicatorValue(2023, Decimal(value)),) if value else (),
        milestone=Target(Comparator(comparator), Decimal(50), 2023) if comparator else None,
    )


def test_assessment_is_suggested_from_indicators_that_can_be_assessed() -> None:
    goal = CommitteeGoal(
        "M1",
        "Mål",
        "KF1",
        indicators=(
            indicator("60", ">="),  # met
            indicator("40", ">="),  # not met
            indicator(None, ">="),  # no value: left out
            indicator("70", None),  # no target: left out
        ),
    )
    level = suggest_assessment(goal, SCALE)
    assert level is not None
    assert level.code == "delvis"


def test_no_assessment_is_suggested_without_values() -> None:
    goal = CommitteeGoal("M1", "Mål", "KF1", indicators=(indicator(None, ">="),))
    assert suggest_assessment(goal, SCALE) is None
