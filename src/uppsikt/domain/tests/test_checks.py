from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from uppsikt.domain.assignments import Assignment, FollowUp, Origin
from uppsikt.domain.checks import Finding, run_checks
from uppsikt.domain.dataset import CommitteeYear
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.frame import BudgetFrame, FrameAdjustment, FramePart
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import RowComment, TableRole
from uppsikt.domain.economy.tests.dsl import T1, table, with_figures
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.organisation import Committee
from uppsikt.domain.periods import ReportingPeriod
from uppsikt.domain.report_template import ReportTemplate, TemplateSection
from uppsikt.domain.tests.test_vocabularies import VOCABULARY

M = Decimal(1_000_000)
RESULT, _ = table(
    "budget:budget prognos:forecast avvikelse:deviation(prognos,budget)",
    """
    intakter       |   100 |   120 |  20
    personal       | -1100 | -1090 |  10
    summa:total    | -1000 |  -970 |  30
    """,
)


def context(rows: str | None = None, **parts: Any) -> FigureContext:
    spec, figures = (
        table("budget:budget prognos:forecast avvikelse:deviation(prognos,budget)", rows)
        if rows
        else (RESULT, _)
    )
    written = with_figures(spec, figures, inputs_only=False)
    explained = tuple(
        replace(values, comments=(RowComment("intakter", "Högre avgifter än väntat."),))
        for values in written.values
    )
    result = replace(written, role=TableRole.RESULT, key="resultat", values=explained)
    economy = parts.pop("economy", Economy(tables=(result,)))
    empty = CommitteeYear(
        Committee("BN", "Barnnämnden"), "uppdrag", "uppdrag", "mål", economy=economy
    )
    return FigureContext(
        replace(empty, **parts), ReportingPeriod(T1, date(2023, 4, 30)), VOCABULARY, VOCABULARY
    )


def codes(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(item.code, str(item.place)) for item in findings]


def test_a_consistent_table_gives_no_finding() -> None:
    assert codes(run_checks(context())) == []


def test_a_stated_total_that_is_off_by_more_than_rounding_is_an_error() -> None:
    findings = run_checks(
        context(
            """
            intakter       |   100 |   120 |  20
            personal       | -1100 | -1090 |  10
            summa:total    | -1000 |  -960 |  30
            """
        )
    )
    assert codes(findings) == [("table.stated-mismatch", "table/resultat/summa/prognos")]
    assert (findings[0].expected, findings[0].found) == ("\u2212970", "\u2212960")


def test_a_total_off_by_what_the_rounding_of_its_rows_allows_is_accepted() -> None:
    assert (
        codes(
            run_checks(
                context(
                    """
                intakter       |   100 |   120 |  21
                personal       | -1100 | -1090 |  10
                summa:total    | -1001 |  -970 |  30
                """
                )
            )
        )
        == []
    )


def test_a_missing_forecast_is_an_error_and_a_large_deviation_without_comment_a_warning() -> None:
    findings = run_checks(
        context(
            """
            intakter       |   100 |     - |   -
            personal       | -1100 | -1000 | 100
            summa:total    | -1000 |     - |   -
            """
        )
    )
    assert codes(findings) == [
        ("economy.missing-forecast", "table/resultat/intakter/prognos"),
        ("economy.missing-comment", "table/resultat/personal/prognos"),
    ]


def frame(stated: str) -> BudgetFrame:
    return BudgetFrame(
        Unit.MNKR,
        1,
        (FramePart("Nämnden", Decimal("0.9") * M),),
        (FrameAdjustment(Decimal("0.1") * M, "Tillskott", "KF", date(2023, 3, 1)),),
        Decimal(stated) * M,
    )


def test_a_stated_frame_that_is_not_the_sum_of_its_adjustments_is_an_error() -> None:
    base = context()
    good = replace(base.committee.economy, frame=frame("1.0"))
    assert codes(run_checks(context(economy=good))) == []
    bad = replace(base.committee.economy, frame=frame("1.3"))
    findings = run_checks(context(economy=bad))
    assert codes(findings) == [("frame.stated-mismatch", "frame/adjusted")]
    assert (findings[0].expected, findings[0].found) == ("1,0", "1,3")


def test_a_result_budget_that_is_not_the_adjusted_frame_is_an_error() -> None:
    base = context()
    economy = replace(
        base.committee.economy,
        frame=replace(frame("2.0"), council=(FramePart("N", 2 * M - Decimal("0.1") * M),)),
    )
    assert ("frame.budget-mismatch", "table/resultat/summa/budget") in codes(
        run_checks(context(economy=economy))
    )


def test_follow_ups_without_status_or_with_an_unexplained_status_are_reported() -> None:
    assignments = (
        Assignment("U1", "a", Origin.COMMITTEE),
        Assignment("U2", "b", Origin.COMMITTEE, follow_ups=(FollowUp(T1, "ej-klart"),)),
        Assignment("U3", "c", Origin.COMMITTEE, follow_ups=(FollowUp(T1, "klart"),)),
    )
    assert codes(run_checks(context(assignments=assignments))) == [
        ("followup.missing-status", "assignment/U1"),
        ("followup.missing-comment", "assignment/U2"),
    ]


def test_a_typed_count_that_contradicts_the_data_is_reported_with_the_figure_to_use() -> None:
    narratives = (Narrative(T1, "summary", "Sammanfattning", "Nämnden har 3 uppdrag."),)
    assignments = (Assignment("U1", "a", Origin.COMMITTEE, follow_ups=(FollowUp(T1, "klart"),)),)
    findings = run_checks(context(narratives=narratives, assignments=assignments))
    assert codes(findings) == [("narrative.typed-count", "narrative/summary")]
    assert "{assignments.total}" in findings[0].message
    assert (findings[0].expected, findings[0].found) == ("1", "3")


def test_a_typed_wording_is_compared_figure_by_figure_with_the_template() -> None:
    template = "Prognosen visar ett {economy.result.forecast_deviation|surplus} om {economy.result.forecast_deviation|abs|tkr} tkr."
    narratives = (Narrative(T1, "summary", "Sammanfattning", template),)
    typed = {"summary": "Prognosen visar ett överskott om 40 tkr."}
    findings = run_checks(context(narratives=narratives), typed)
    assert [(item.code, item.expected, item.found) for item in findings] == [
        ("narrative.stated-figure-mismatch", "30", "40")
    ]


def test_a_written_text_the_reports_structure_leaves_out_is_a_warning() -> None:
    texts = (
        Narrative(T1, "sammanfattning", "Sammanfattning", "Text."),
        Narrative(T1, "bortglomd", "Bortglömd", "Också text."),
        Narrative(T1, "tom", "Tom", ""),
    )
    structure = (ReportTemplate(T1, (TemplateSection(narrative="sammanfattning"),)),)
    found = run_checks(context(narratives=texts, reports=structure))
    assert codes(found) == [("report.narrative-not-shown", "narrative/bortglomd")]
    # Without a structure of its own, the report shows every text.
    assert codes(run_checks(context(narratives=texts))) == []
