from dataclasses import replace
from decimal import Decimal

from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.tables import TableRole
from uppsikt.domain.economy.tests.dsl import table, with_figures
from uppsikt.domain.figures import figure_names, live_figures
from uppsikt.domain.formatting import MINUS
from uppsikt.domain.narratives import resolve
from uppsikt.domain.tests.test_checks import context
from uppsikt.domain.tests.test_vocabularies import VOCABULARY

INITIATIVES, FIGURES = table(
    "budget:budget utfall:outcome@period prognos:forecast",
    """
    kameror     | 2900 | 281 | 2900
    miljo       | 1200 |   0 |  600
    aldre       |  200 |   0 |    0
    heltid      |  300 |   0 |  300
    """,
)


def economy() -> Economy:
    base = context().committee.economy
    initiatives = replace(
        with_figures(INITIATIVES, FIGURES, inputs_only=True),
        key="satsningar",
        role=TableRole.INITIATIVES,
    )
    return replace(base, tables=(*base.tables, initiatives))


def test_result_figures_come_from_the_total_row_of_the_result_table() -> None:
    figures = live_figures(context(economy=economy()))
    value = {name: figure.value for name, figure in figures.items()}
    assert value["economy.result.budget"] == Decimal(-1_000_000)
    assert value["economy.result.forecast_deviation"] == Decimal(30_000)
    assert value["economy.result.forecast_deviation_pct"] == Decimal(3)
    assert value["economy.result.period_budget"] is None  # no period columns: missing stays missing


def test_initiatives_are_counted_and_those_not_using_all_funds_found() -> None:
    figures = live_figures(context(economy=economy()))
    assert figures["economy.initiatives.total"].value == 4
    assert figures["economy.initiatives.not_fully_used"].value == 2
    assert figures["economy.initiatives.budget"].value == Decimal(4_600_000)


def test_every_cell_is_a_figure_in_the_tables_unit() -> None:
    figures = live_figures(context(economy=economy()))
    assert figures["table.satsningar.miljo.prognos"].value == Decimal(600_000)
    text = (
        "Budget {table.satsningar.kameror.budget} tkr, {table.satsningar.kameror.budget|mnkr} mnkr."
    )
    assert resolve(text, figures) == "Budget 2\u00a0900 tkr, 2,9 mnkr."


def test_amounts_read_as_surplus_or_deficit_in_words() -> None:
    figures = live_figures(context(economy=economy()))
    text = "ett {economy.result.forecast_deviation|surplus} om {economy.result.forecast_deviation|abs} tkr"
    assert resolve(text, figures) == "ett överskott om 30 tkr"
    deficit = "{table.resultat.personal.budget|surplus} {table.resultat.personal.budget}"
    assert resolve(deficit, figures) == f"underskott {MINUS}1\u00a0100"


def test_figure_names_include_every_cell_of_every_table() -> None:
    names = figure_names(VOCABULARY, VOCABULARY, economy())
    assert {"table.satsningar.aldre.utfall", "table.resultat.summa.avvikelse"} <= names
    assert "economy.frame.adjusted" in names
