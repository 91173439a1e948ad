"""Live figures of the economy: the frame, the result, initiatives, investments, every cell."""

from __future__ import annotations

from decimal import Decimal

from uppsikt.domain.economy.money import Amount, Unit, ratio_percent
from uppsikt.domain.economy.tables import (
    INPUT_AMOUNTS,
    Column,
    ColumnKind,
    ComputedTable,
    RowKind,
    Span,
    TableRole,
)
from uppsikt.domain.figures.context import FigureContext
from uppsikt.domain.narratives import Figure

PERCENT_DECIMALS = 1


def _money(amount: Amount | None, description: str, unit: Unit, decimals: int) -> Figure:
    if amount is None:
        return Figure(None, description, decimals, unit)
    return Figure(amount.value, description, decimals, unit, amount.error)


def _percent(part: Amount | None, whole: Amount | None, description: str) -> Figure:
    ratio = ratio_percent(part, Amount(abs(whole.value), whole.error)) if part and whole else None
    if ratio is None:
        return Figure(None, description, PERCENT_DECIMALS)
    return Figure(ratio.value, description, PERCENT_DECIMALS, error=ratio.error)


def _column(computed: ComputedTable | None, kind: ColumnKind, span: Span) -> Column | None:
    if computed is None:
        return None
    return next(
        (
            column
            for column in computed.table.columns
            if column.kind is kind and column.span is span and column.year_offset == 0
        ),
        None,
    )


def _total(computed: ComputedTable | None, kind: ColumnKind, span: Span) -> Amount | None:
    """The amount of the table's total row in its first column of this kind and span."""
    column = _column(computed, kind, span)
    if computed is None or column is None:
        return None
    total_row = next((row for row in computed.table.rows if row.kind is RowKind.TOTAL), None)
    return computed.amount(total_row.key, column.key) if total_row else None


def _difference(first: Amount | None, second: Amount | None) -> Amount | None:
    return first - second if first is not None and second is not None else None


def _with_role(context: FigureContext, role: TableRole) -> ComputedTable | None:
    table = context.committee.economy.with_role(role)
    return context.tables[table.key] if table else None


def frame_figures(context: FigureContext) -> dict[str, Figure]:
    """The council's frame, its adjustments and the adjusted frame at the period's end."""
    frame = context.committee.economy.frame
    unit, decimals = (frame.unit, frame.decimals) if frame else (Unit.MNKR, 1)
    closing = context.period.closing_date
    return {
        "economy.frame.council": _money(
            frame.council_total() if frame else None, "kommunfullmäktiges budgetram", unit, decimals
        ),
        "economy.frame.adjustments": _money(
            frame.adjustments_by(closing) if frame else None,
            "beslutade budgetjusteringar",
            unit,
            decimals,
        ),
        "economy.frame.adjusted": _money(
            frame.adjusted(closing) if frame else None, "justerad budgetram", unit, decimals
        ),
    }


def result_figures(context: FigureContext) -> dict[str, Figure]:
    """The committee's result: budget, forecast, outcome and deviations, year and period."""
    computed = _with_role(context, TableRole.RESULT)
    unit, decimals = (computed.table.unit, computed.table.decimals) if computed else (Unit.TKR, 0)
    budget = _total(computed, ColumnKind.BUDGET, Span.YEAR)
    forecast = _total(computed, ColumnKind.FORECAST, Span.YEAR)
    period_budget = _total(computed, ColumnKind.BUDGET, Span.PERIOD)
    period_outcome = _total(computed, ColumnKind.OUTCOME, Span.PERIOD)
    deviation = _difference(forecast, budget)
    period_deviation = _difference(period_outcome, period_budget)

    def money(amount: Amount | None, description: str) -> Figure:
        return _money(amount, description, unit, decimals)

    return {
        "economy.result.budget": money(budget, "resultat, budget helår"),
        "economy.result.forecast": money(forecast, "resultat, prognos helår"),
        "economy.result.forecast_deviation": money(deviation, "prognosens avvikelse mot budget"),
        "economy.result.forecast_deviation_pct": _percent(
            deviation, budget, "prognosens avvikelse i procent av budget"
        ),
        "economy.result.period_budget": money(period_budget, "resultat, budget för perioden"),
        "economy.result.period_outcome": money(period_outcome, "resultat, utfall för perioden"),
        "economy.result.period_deviation": money(
            period_deviation, "periodens avvikelse mot budget"
        ),
        "economy.result.period_deviation_pct": _percent(
            period_deviation, period_budget, "periodens avvikelse i procent av periodens budget"
        ),
    }


def initiative_figures(context: FigureContext) -> dict[str, Figure]:
    """Special initiatives: how many, how many will not use all their funds, and their sums."""
    computed = _with_role(context, TableRole.INITIATIVES)
    unit, decimals = (computed.table.unit, computed.table.decimals) if computed else (Unit.TKR, 0)
    budget_column = _column(computed, ColumnKind.BUDGET, Span.YEAR)
    forecast_column = _column(computed, ColumnKind.FORECAST, Span.YEAR)
    rows = (
        [
            item.row.key
            for item in computed.table.placed()
            if item.row.kind is RowKind.DATA and not item.row.rows
        ]
        if computed
        else []
    )
    budgets: list[Amount] = []
    forecasts: list[Amount] = []
    not_fully_used = 0
    if computed is not None and budget_column and forecast_column:
        for row in rows:
            budget = computed.amount(row, budget_column.key)
            forecast = computed.amount(row, forecast_column.key)
            budgets += [budget] if budget else []
            forecasts += [forecast] if forecast else []
            # Funds are negative or positive alike: "not fully used" is a smaller magnitude.
            if budget and forecast and abs(forecast.value) < abs(budget.value):
                not_fully_used += 1
    return {
        "economy.initiatives.total": Figure(
            len(rows) if computed else None, "antal särskilda satsningar"
        ),
        "economy.initiatives.not_fully_used": Figure(
            not_fully_used if computed else None, "satsningar vars prognos understiger budget"
        ),
        "economy.initiatives.budget": _money(
            sum(budgets, Amount(Decimal(0))) if budgets else None,
            "satsningarnas budget",
            unit,
            decimals,
        ),
        "economy.initiatives.forecast": _money(
            sum(forecasts, Amount(Decimal(0))) if forecasts else None,
            "satsningarnas prognos",
            unit,
            decimals,
        ),
    }


def investment_figures(context: FigureContext) -> dict[str, Figure]:
    """Investments: budget, forecast and outcome of the investment table's total."""
    computed = _with_role(context, TableRole.INVESTMENTS)
    unit, decimals = (computed.table.unit, computed.table.decimals) if computed else (Unit.TKR, 0)
    budget = _total(computed, ColumnKind.BUDGET, Span.YEAR)
    forecast = _total(computed, ColumnKind.FORECAST, Span.YEAR)
    return {
        "economy.investments.budget": _money(budget, "investeringar, budget helår", unit, decimals),
        "economy.investments.forecast": _money(
            forecast, "investeringar, prognos helår", unit, decimals
        ),
        "economy.investments.deviation": _money(
            _difference(forecast, budget), "investeringar, avvikelse", unit, decimals
        ),
        "economy.investments.period_budget": _money(
            _total(computed, ColumnKind.BUDGET, Span.PERIOD),
            "investeringar, budget perioden",
            unit,
            decimals,
        ),
        "economy.investments.period_outcome": _money(
            _total(computed, ColumnKind.OUTCOME, Span.PERIOD),
            "investeringar, utfall perioden",
            unit,
            decimals,
        ),
    }


def cell_figures(context: FigureContext) -> dict[str, Figure]:
    """Every amount and percentage of every table, as published (the table's sign)."""
    figures: dict[str, Figure] = {}
    for key, computed in context.tables.items():
        table = computed.table
        for item in table.placed():
            row = item.row
            if row.kind is RowKind.LABEL:
                continue
            for column in table.columns:
                if column.kind not in INPUT_AMOUNTS and column.kind not in {
                    ColumnKind.DEVIATION,
                    ColumnKind.SUM,
                    ColumnKind.PERCENT_CHANGE,
                    ColumnKind.SHARE,
                }:
                    continue
                amount = computed.amount(row.key, column.key)
                name = f"table.{key}.{row.key}.{column.key}"
                what = f"{table.title}: {row.label}, {column.label}"
                error = amount.error if amount else Decimal(0)
                if column.is_percentage or row.kind is RowKind.CHANGE:
                    figures[name] = Figure(
                        amount.value if amount else None,
                        what,
                        table.percent_decimals(column),
                        error=error,
                    )
                else:
                    value = amount.value * table.costs.factor if amount else None
                    figures[name] = Figure(value, what, table.decimals, table.unit, error)
    return figures


def economy_figures(context: FigureContext) -> dict[str, Figure]:
    """Every economy figure."""
    return {
        **frame_figures(context),
        **result_figures(context),
        **initiative_figures(context),
        **investment_figures(context),
        **cell_figures(context),
    }
