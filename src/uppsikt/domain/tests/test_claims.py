from decimal import Decimal

import pytest

from uppsikt.domain.claims import agrees, read_number, stated_in, typed_counts
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.narratives import Figure


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("24", "24"),
        ("6,4", "6.4"),
        ("- 2,8", "-2.8"),
        ("−2,8", "-2.8"),
        ("9 400", "9400"),
        ("tre", "3"),
        ("En", "1"),
        ("0,9.", "0.9"),
    ],
)
def test_typed_numbers_are_read_the_swedish_way(text: str, number: str) -> None:
    assert read_number(text) == Decimal(number)


@pytest.mark.parametrize("text", ["många", "6,4,1", "ca 6", ""])
def test_words_that_are_not_numbers_are_not_read(text: str) -> None:
    assert read_number(text) is None


DEFICIT = Figure(Decimal(-6_405_000), "avvikelse", 0, Unit.TKR, Decimal(3500))


@pytest.mark.parametrize(
    ("filters", "typed", "agreed"),
    [
        (("abs", "mnkr"), "6,4", True),
        (("abs", "mnkr"), "6,5", False),
        (("abs", "mnkr"), "6", True),  # typed with no decimals: anything that rounds to 6
        (("abs",), "6 405", True),
        (("abs",), "6 408", True),  # within the data's rounding error of 3,5 tkr
        (("abs",), "6 410", False),
        (("surplus",), "underskott", True),
        (("surplus",), "överskott", False),
    ],
)
def test_a_typed_value_agrees_within_its_own_and_the_datas_rounding(
    filters: tuple[str, ...], typed: str, agreed: bool
) -> None:
    assert agrees(DEFICIT, filters, typed) is agreed


TEMPLATE = (
    "Nämnden prognostiserar ett {result|surplus} om {result|abs|mnkr} miljoner kronor. "
    "Av de {assignments.total} uppdragen beräknas {not_done|words} inte bli klara. "
    "Inom internkontrollen bedöms {risk.not_done|words} av {risk.total|words} riskåtgärder "
    "inte kunna färdigställas."
)


def test_values_typed_in_place_of_placeholders_are_found_by_their_surroundings() -> None:
    typed = """Nämnden prognostiserar ett underskott om 6,4 miljoner
    kronor. Av de 24 uppdragen beräknas en inte bli klara. Inom internkontrollen
    bedöms tre av åtta riskåtgärder inte kunna färdigställas."""
    found = {(item.placeholder.name, item.typed) for item in stated_in(TEMPLATE, typed)}
    assert found == {
        ("result", "underskott"),
        ("result", "6,4"),
        ("assignments.total", "24"),
        ("not_done", "en"),
        ("risk.not_done", "tre"),
        ("risk.total", "åtta"),
    }


def test_a_reworded_sentence_gives_no_value_rather_than_a_wrong_one() -> None:
    typed = "Alla uppdrag blir klara. Av de 24 uppdragen beräknas en inte bli klara."
    found = {item.placeholder.name: item.typed for item in stated_in(TEMPLATE, typed)}
    assert found == {"assignments.total": "24", "not_done": "en"}


@pytest.mark.parametrize(
    ("text", "figure", "typed"),
    [
        ("Kommunstyrelsen har 11 internkontroller.", "internal_control.controls.total", "11"),
        ("tillfört medel för 15 satsningar", "economy.initiatives.total", "15"),
        ("bedöms tre av åtta riskåtgärder inte", "internal_control.risk_actions.total", "åtta"),
        ("Av de 24 uppdrag som", "assignments.total", "24"),
    ],
)
def test_counts_typed_with_a_known_noun_are_recognised(text: str, figure: str, typed: str) -> None:
    [count] = typed_counts(text)
    assert (count.claim.figure, count.typed) == (figure, typed)


@pytest.mark.parametrize(
    "text",
    [
        "Kommunstyrelsen föreslås få ett uppdrag att utreda.",  # an article, not a count
        "Av de {assignments.total} uppdrag som tilldelats",  # a live figure already
        "Arbetet med en uppdragsplan pågår.",
        "Ytterligare 10 ärenden om rivning.",
    ],
)
def test_articles_live_figures_and_other_nouns_are_not_counts(text: str) -> None:
    assert typed_counts(text) == []
