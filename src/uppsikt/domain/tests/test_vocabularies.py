from decimal import Decimal

from uppsikt.domain.vocabularies import (
    AssessmentLevel,
    AssessmentScale,
    OutcomeCounts,
    Status,
    StatusOutcome,
    StatusVocabulary,
    count_outcomes,
)

VOCABULARY = StatusVocabulary(
    "uppdrag",
    "Uppdrag",
    (
        Status("klart", "Klart", StatusOutcome.DONE, "✔"),
        Status("blir-klart", "Blir klart i år", StatusOutcome.EXPECTED_DONE, "●"),
        Status("troligen-klart", "Troligen klart i år", StatusOutcome.EXPECTED_DONE, "◐"),
        Status("ej-klart", "Ej klart i år", StatusOutcome.NOT_DONE, "✖"),
    ),
)


def test_statuses_are_counted_by_what_they_mean_for_the_year() -> None:
    codes = ["klart", "blir-klart", "blir-klart", "troligen-klart", "ej-klart", None, "okänd"]
    counts = count_outcomes(VOCABULARY, codes)
    assert counts == OutcomeCounts(done=1, expected_done=3, not_done=1, missing=2)
    assert (counts.total, counts.done_this_year) == (7, 4)


SCALE = AssessmentScale(
    "mål",
    "Måluppfyllelse",
    (
        AssessmentLevel("uppfyllt", "Uppfyllt", "●", min_share=Decimal(1)),
        AssessmentLevel("delvis", "Delvis uppfyllt", "◐", min_share=Decimal("0.5")),
        AssessmentLevel("ej", "Ej uppfyllt", "○", min_share=Decimal(0)),
        AssessmentLevel("avser-ej", "Avser ej nämnden", "–"),
    ),
)


def test_the_suggested_level_is_the_best_whose_share_is_reached() -> None:
    # met, assessable, suggested level
    cases = [(3, 3, "uppfyllt"), (2, 3, "delvis"), (1, 2, "delvis"), (1, 3, "ej"), (0, 1, "ej")]
    for met, assessable, expected in cases:
        level = SCALE.suggest(met, assessable)
        assert level is not None
        assert level.code == expected, (met, assessable)


def test_nothing_is_suggested_when_nothing_can_be_assessed() -> None:
    assert SCALE.suggest(0, 0) is None
