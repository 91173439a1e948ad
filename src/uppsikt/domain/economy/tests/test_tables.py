"""Every kind of financial table of the reference report, computed from its input figures."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from uppsikt.domain.economy.money import Amount, Unit
from uppsikt.domain.economy.tables import (
    Cell,
    Column,
    ColumnKind,
    CostSign,
    FinancialTable,
    Row,
    RowKind,
    TableValues,
    compute_table,
)
from uppsikt.domain.economy.tests.dsl import T1, table, with_figures
from uppsikt.domain.formatting import MINUS, round_half_up
from uppsikt.domain.periods import PeriodKey


def computed_as_published(columns: str, rows: str, tolerance: int = 0) -> None:
    """Compute the table from its input figures; every figure must come out as written."""
    spec, figures = table(columns, rows)
    result = compute_table(with_figures(spec, figures, inputs_only=True), T1)
    for row, published in figures.items():
        for column, figure in zip(spec.columns, published, strict=False):
            shown = result.shown(row, column.key)
            if figure is None:
                assert shown is None, (row, column.key, shown)
            else:
                assert shown is not None, (row, column.key)
                assert abs(shown - figure) <= tolerance, (row, column.key, shown, figure)


def test_a_result_statement_by_cost_type_with_subtotal_and_total() -> None:
    # Resultaträkning (tkr); the published deviations were computed from unrounded amounts,
    # so some differ by one from what their rounded inputs give.
    computed_as_published(
        "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)"
        " pbudget:budget@period utfall:outcome@period pavv:deviation(utfall,pbudget)",
        """
        intakter                                 |   45725 |   49558 |   3833 |   14658 |   20328 |  5670
        personal                                 | -287825 | -277132 |  10693 |  -91003 |  -84459 |  6544
        lokaler                                  |  -25117 |  -31505 |  -6388 |   -7045 |   -9828 | -2783
        ovrigt                                   | -369883 | -384371 | -14488 | -121392 | -122045 |  -653
        kostnader:subtotal(personal,lokaler,ovrigt) | -682825 | -693008 | -10183 | -219440 | -216332 |  3108
        resultat:total                           | -637100 | -643450 |  -6350 | -204782 | -196004 |  8778
        """,
    )


def test_an_operating_result_per_activity_with_varav_rows_at_two_depths() -> None:
    computed_as_published(
        "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)",
        """
        politisk                  | -55744 | -57486 | -1742
          namnd                   | -33778 | -36087 | -2309
          partier                 |  -6360 |  -6486 |  -126
          ovrig                   | -15606 | -14913 |   693
            ovrig-a               |  -5606 |  -4913 |   693
            ovrig-b               | -10000 | -10000 |     0
        gemensamma                | -316358| -317684| -1326
        totalt:total              | -372102| -375170| -3068
        """,
    )


def test_a_subtotal_without_keys_adds_the_rows_since_the_last_label() -> None:
    # Investeringsredovisning: labels, subtotals per group and a total of every data row.
    computed_as_published(
        "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)",
        """
        reinvestering:label        |      - |      - |     -
        it                         | -17800 |  -9300 |  8500
        inventarier                |   -800 |   -800 |     0
        summa-re:subtotal          | -18600 | -10100 |  8500
        nyinvestering:label        |      - |      - |     -
        fiber                      | -19509 | -19509 |     0
        reserv                     | -50000 | -15500 | 34500
        summa-ny:subtotal          | -69509 | -35009 | 34500
        summa:total                | -88109 | -45109 | 43000
        """,
    )


def test_net_cost_development_with_a_percent_change_row() -> None:
    computed_as_published(
        "a2021:outcome@period a2022:outcome@period a2023:outcome@period",
        """
        politisk                   | -12696 | -17162 | -20137
          namnd                    |  -5748 |  -9493 | -13458
          partier                  |  -1932 |  -2012 |  -2252
          ovrig                    |  -5016 |  -5657 |  -4427
        forandring:change(politisk)|      - |     35 |     17
        """,
    )


def test_an_excluded_row_is_shown_but_left_out_of_the_total() -> None:
    computed_as_published(
        "budget:budget",
        """
        a               | 100
        buffert:excluded| 50
        b               | 200
        summa:total     | 300
        """,
    )


def test_a_row_of_which_keeps_its_own_figures() -> None:
    computed_as_published(
        "budget:budget",
        """
        personal:of_which  | -1000
          ovetid           |  -100
        summa:total        | -1000
        """,
    )


def test_income_and_cost_types_as_columns_with_a_result_column() -> None:
    # A shape not in the reference report: types of income and cost across, result as a sum.
    computed_as_published(
        "ersattning:amount forsaljning:amount kop:amount ovriga:amount resultat:sum(ersattning,forsaljning,kop,ovriga)"
        " andel:share(kop,ersattning)",
        """
        forskola        | 250000 | 12000 | -180000 | -80000 |  2000 | -72
        grundskola      | 410000 |  3000 | -300000 |-110000 |  3000 | -73
        summa:total     | 660000 | 15000 | -480000 |-190000 |  5000 | -73
        """,
    )


def test_external_funding_with_a_computed_net_a_goal_and_a_column_left_out_of_totals() -> None:
    spec = FinancialTable(
        "extern",
        "Extern finansiering",
        Unit.TKR,
        0,
        (
            Column("bidrag", "Bidrag", ColumnKind.AMOUNT),
            Column("kostnad", "Kostnad", ColumnKind.AMOUNT),
            Column("netto", "Netto", ColumnKind.DEVIATION, of=("bidrag", "kostnad")),
            Column("budget", "Inräknat i budget", ColumnKind.AMOUNT, in_totals=False),
            Column("mal", "Nämndmål", ColumnKind.GOAL),
        ),
        (Row("msb", "MSB"), Row("bra", "Brå"), Row("summa", "Summa", RowKind.TOTAL)),
        values=(
            TableValues(
                T1,
                (
                    Cell("msb", "bidrag", Decimal(3_500_000)),
                    Cell("msb", "kostnad", Decimal(3_500_000)),
                    Cell("msb", "budget", Decimal(3_500_000)),
                    Cell("msb", "mal", "M1"),
                    Cell("bra", "bidrag", Decimal(1_600_000)),
                    Cell("bra", "kostnad", Decimal(1_600_000)),
                    Cell("bra", "mal", "M1"),
                ),
            ),
        ),
    )
    result = compute_table(spec, T1)
    assert [result.text("summa", column.key) for column in spec.columns] == [
        "5\u00a0100",
        "5\u00a0100",
        "0",
        "",
        "",
    ]
    assert result.text("msb", "mal") == "M1"
    assert result.cell("msb", "bidrag").is_input
    assert not result.cell("summa", "bidrag").is_input


def test_net_costs_published_positive_are_held_negative() -> None:
    spec, figures = table(
        "budget:budget utfall:outcome avv:deviation(utfall,budget)", "a | 100 | 120 | 20"
    )
    positive = FinancialTable(
        spec.key,
        spec.title,
        spec.unit,
        spec.decimals,
        spec.columns,
        spec.rows,
        costs=CostSign.POSITIVE,
    )
    result = compute_table(with_figures(positive, figures, inputs_only=True), T1)
    amount = result.amount("a", "budget")
    assert amount is not None
    assert amount.value == Decimal(-100_000)
    assert [result.text("a", key) for key in ("budget", "utfall", "avv")] == ["100", "120", "20"]


def test_missing_inputs_stay_missing_and_a_sum_of_nothing_is_empty() -> None:
    computed_as_published(
        "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)",
        """
        a            |   100 |     - |  -
        b            |     - |     - |  -
        summa:total  |   100 |     - |  -
        """,
    )


def test_written_figures_carry_half_a_step_of_rounding_error() -> None:
    spec, figures = table("budget:budget", "a | 1\nb | 2\nsumma:total | 3")
    result = compute_table(with_figures(spec, figures, inputs_only=False), T1)
    assert result.amount("summa", "budget") == Amount(Decimal(3000), Decimal(1000))
    assert result.cell("summa", "budget").stated == Decimal(3000)


def test_the_ledger_gives_exact_inputs_and_wins_over_written_figures() -> None:
    spec, figures = table("budget:budget utfall:outcome", "a | 1 | 2\nsumma:total | 1 | 2")
    result = compute_table(
        with_figures(spec, figures, inputs_only=True),
        T1,
        ledger={("a", "utfall"): Decimal("2345.67")},
    )
    assert result.amount("summa", "utfall") == Amount(Decimal("2345.67"))
    assert result.text("summa", "utfall") == "2"


# ---- properties -------------------------------------------------------------------------

amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2)


@st.composite
def row_trees(draw: st.DrawFn, depth: int = 0, prefix: str = "r") -> tuple[Row, ...]:
    count = draw(st.integers(1, 4))
    rows = []
    for index in range(count):
        key = f"{prefix}{index}"
        children = (
            draw(row_trees(depth + 1, f"{key}-")) if depth < 3 and draw(st.booleans()) else ()
        )
        rows.append(Row(key, key, rows=children))
    return tuple(rows)


def leaves(rows: tuple[Row, ...]) -> list[Row]:
    found: list[Row] = []
    for row in rows:
        found.extend(leaves(row.rows) if row.rows else [row])
    return found


@given(row_trees(), st.data())
def test_every_row_is_the_sum_of_its_leaves_at_every_depth_and_the_total_of_all(
    rows: tuple[Row, ...], data: st.DataObject
) -> None:
    leaf_values = {row.key: data.draw(amounts) for row in leaves(rows)}
    spec = FinancialTable(
        "t",
        "T",
        Unit.KR,
        2,
        (Column("b", "B", ColumnKind.BUDGET),),
        (*rows, Row("summa", "Summa", RowKind.TOTAL)),
        values=(
            TableValues(T1, tuple(Cell(key, "b", value) for key, value in leaf_values.items())),
        ),
    )
    result = compute_table(spec, T1)

    def check(row: Row) -> Decimal:
        amount = result.amount(row.key, "b")
        assert amount is not None
        if row.rows:
            assert amount.value == sum((check(child) for child in row.rows), Decimal(0))
        else:
            assert amount.value == leaf_values[row.key]
        return amount.value

    top = sum((check(row) for row in rows), Decimal(0))
    total = result.amount("summa", "b")
    assert total is not None
    assert total.value == top == sum(leaf_values.values(), Decimal(0))


@given(st.lists(amounts, min_size=1, max_size=30), st.sampled_from(list(Unit)), st.integers(0, 2))
def test_display_rounding_never_moves_a_total_by_more_than_the_rounding_step(
    values: list[Decimal], unit: Unit, decimals: int
) -> None:
    rows = tuple(Row(f"r{i}", "r") for i in range(len(values)))
    spec = FinancialTable(
        "t",
        "T",
        unit,
        decimals,
        (Column("b", "B", ColumnKind.BUDGET),),
        (*rows, Row("summa", "Summa", RowKind.TOTAL)),
        values=(TableValues(T1, tuple(Cell(f"r{i}", "b", v) for i, v in enumerate(values))),),
    )
    result = compute_table(spec, T1)
    exact = unit.from_kronor(sum(values, Decimal(0)))
    shown = result.shown("summa", "b")
    assert shown is not None
    assert shown == round_half_up(exact, decimals)
    assert abs(shown - exact) <= Decimal(1).scaleb(-decimals) / 2


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [("-17162", "-12696", "35"), ("-20137", "-17162", "17")],
)
def test_percent_change_of_costs_reads_as_their_growth(
    numerator: str, denominator: str, expected: str
) -> None:
    computed_as_published(
        "a:outcome b:outcome",
        f"""
        x                 | {denominator} | {numerator}
        f:change(x)       | - | {expected}
        """,
    )


def test_the_previous_periods_forecast_is_kept_beside_this_periods() -> None:
    t2 = PeriodKey.parse("2023-T2")
    spec = FinancialTable(
        "drift",
        "Drift",
        Unit.TKR,
        0,
        (
            Column("budget", "Budget", ColumnKind.BUDGET),
            Column("prognos", "Prognos", ColumnKind.FORECAST),
            Column("prognos-t1", "Prognos delår 1", ColumnKind.FORECAST, previous_period=True),
            Column("andring", "Ändring", ColumnKind.DEVIATION, of=("prognos", "prognos-t1")),
        ),
        (Row("a", "A"), Row("summa", "Summa", RowKind.TOTAL)),
        values=(
            TableValues(
                T1, (Cell("a", "budget", Decimal(-1000)), Cell("a", "prognos", Decimal(-1100)))
            ),
            TableValues(
                t2, (Cell("a", "budget", Decimal(-1000)), Cell("a", "prognos", Decimal(-1250)))
            ),
        ),
    )
    assert [
        compute_table(spec, t2).text("summa", key) for key in ("prognos", "prognos-t1", "andring")
    ] == [
        f"{MINUS}1",
        f"{MINUS}1",
        "0",
    ]
    amounts = compute_table(spec, t2)
    change = amounts.amount("a", "andring")
    assert change is not None
    assert change.value == Decimal(-150)
    first = compute_table(spec, T1).amount("a", "prognos-t1")
    assert first is None  # delår 1 has no period before it


def test_a_forecast_written_as_shown_changes_the_totals_and_deviations() -> None:
    spec, figures = table(
        "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)",
        """
        intakter        |   45725 |   49558 |  3833
        personal        | -287825 | -277132 | 10693
        resultat:total  | -242100 | -227574 | 14526
        """,
    )
    written = with_figures(spec, figures, inputs_only=True)
    # The person types −280 000 tkr as the table shows it; it is kept in kronor.
    changed = written.with_written(
        T1, {("personal", "prognos"): written.kronor_of(Decimal(-280000))}
    )
    result = compute_table(changed, T1)
    assert result.shown("personal", "prognos") == Decimal(-280000)
    assert result.shown("resultat", "prognos") == Decimal(49558 - 280000)
    assert result.shown("resultat", "avvikelse") == Decimal(49558 - 280000 + 242100)
    assert result.shown("intakter", "prognos") == Decimal(49558)  # the other figures are kept


def test_a_table_that_shows_costs_positive_turns_the_sign_of_what_is_typed() -> None:
    spec, _ = table("prognos:forecast", "kostnad | 1")
    positive = replace(spec, costs=CostSign.POSITIVE)
    assert positive.kronor_of(Decimal(1500)) == Decimal(-1500000)
