"""The example's report: every section in the reference report's order, every part filled."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from uppsikt.domain.dataset import Dataset
from uppsikt.domain.economy.tables import RowComment, RowKind
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.periods import PeriodKey, ReportingPeriod
from uppsikt.reports.build import ReportError, build_report
from uppsikt.reports.document import (
    CellKind,
    Figure,
    ItemList,
    Meta,
    Paragraph,
    ReportDocument,
    Table,
)
from uppsikt.reports.tests.conftest import T1


def tables(report: ReportDocument) -> list[Table]:
    found: list[Table] = []
    for _, section in report.walk():
        for block in section.blocks:
            if isinstance(block, Table):
                found.append(block)
            elif isinstance(block, Figure):
                found.append(block.table)
    return found


def test_the_cover_names_municipality_committee_kind_and_period(report: ReportDocument) -> None:
    meta = report.meta
    assert (meta.municipality, meta.committee, meta.title, meta.report_kind, meta.language) == (
        "Huddinge kommun",
        "Kommunstyrelsen",
        "Delårsrapport per 30 april 2023",
        "Delårsrapport",
        "sv-SE",
    )
    assert meta.period == "1 januari – 30 april 2023"


def test_top_sections_follow_the_reference_reports_order(report: ReportDocument) -> None:
    assert [section.title for section in report.sections] == [
        "Sammanfattning",
        "Nämndens mål och resultat",
        "Effektivitetsarbete",
        "Ekonomi",
        "Personal",
        "Uppföljning av internkontroll",
    ]


def test_every_narrative_is_shown_once(report: ReportDocument, example: Dataset) -> None:
    keys = [section.key for _, section in report.walk()]
    narratives = [item.key for top in example.committee("KS").narratives for item in top.walk()]
    assert all(keys.count(key) == 1 for key in narratives)
    assert len(keys) == len(set(keys))


def test_every_economy_table_and_every_goal_is_in_the_report(report: ReportDocument) -> None:
    captions = [table.caption for table in tables(report)]
    for title in (
        "Resultaträkning (tkr)",
        "Särskilda satsningar (tkr)",
        "Exploateringsutfall (tkr)",
    ):
        assert title in captions
    assert sum(caption.startswith("Indikatorer för nämndmålet") for caption in captions) == 9
    assert sum(caption.startswith("Nämndens uppdrag") for caption in captions) == 8
    assignments = [
        row
        for table in tables(report)
        if table.caption.startswith("Nämndens uppdrag")
        for row in table.rows
    ]
    assert len(assignments) == 24
    assert all(row.cells[0].kind is CellKind.STATUS and row.cells[0].symbol for row in assignments)


def test_every_chart_has_alt_text_a_caption_and_its_data_as_a_table(report: ReportDocument) -> None:
    figures = [block for _, s in report.walk() for block in s.blocks if isinstance(block, Figure)]
    assert len(figures) == 3  # forecast per activity, sick leave rolling 12 and per month
    for figure in figures:
        assert figure.alt.startswith(("Stapeldiagram", "Linjediagram"))
        assert figure.caption
        assert figure.table.rows
    rolling = next(figure for figure in figures if figure.key == "diagram-rolling_12")
    assert "Kvinnor mar-22 5,0, mar-23 5,9; Män mar-22 3,0, mar-23 1,6" in rolling.alt


def test_a_table_placed_before_its_text_comes_first(report: ReportDocument) -> None:
    result = next(section for _, section in report.walk() if section.key == "economy-result")
    assert isinstance(result.blocks[0], Table)
    assert result.blocks[0].caption == "Resultaträkning (tkr)"


def test_texts_whose_figures_do_not_resolve_stop_the_report_and_are_all_named(
    example: Dataset,
) -> None:
    committee = example.committees[0]
    top = committee.narratives[0]
    broken = replace(top, body="Utfallet är {ekonomi.finns.inte} och {trasig")
    dataset = replace(
        example,
        committees=(replace(committee, narratives=(broken, *committee.narratives[1:])),),
    )
    with pytest.raises(ReportError) as raised:
        build_report(dataset, FigureContext.of(dataset, "KS", T1))
    assert [problem.split(" rad ")[0] for problem in raised.value.problems] == [
        f"textavsnittet '{top.key}'"
    ] * 2
    assert "uppsikt check visar alla fel" in str(raised.value)


def test_comments_on_a_tables_rows_follow_the_table_in_row_order(example: Dataset) -> None:
    committee = example.committees[0]
    table = committee.economy.tables[0]
    rows = [row for row in table.rows if row.kind is RowKind.DATA][:2]
    written = tuple(
        replace(
            values, comments=tuple(RowComment(row.key, f"Om {row.label}.") for row in rows[::-1])
        )
        if values.period == T1
        else values
        for values in table.values
    )
    economy = replace(
        committee.economy, tables=(replace(table, values=written), *committee.economy.tables[1:])
    )
    dataset = replace(example, committees=(replace(committee, economy=economy),))
    report = build_report(dataset, FigureContext.of(dataset, "KS", T1))
    shown = f"tabell-{table.key}"
    blocks, at = next(
        (section.blocks, index)
        for _, section in report.walk()
        for index, block in enumerate(section.blocks)
        if isinstance(block, Table) and block.key == shown
    )
    heading, comments = blocks[at + 1], blocks[at + 2]
    assert isinstance(heading, Paragraph)
    assert heading.text.startswith("Kommentarer till ")
    assert isinstance(comments, ItemList)
    assert [item.text for item in comments.items] == [
        f"{row.label}: Om {row.label}." for row in rows
    ]


def test_assignments_without_a_goal_are_shown_after_the_goals(example: Dataset) -> None:
    committee = example.committees[0]
    loose = replace(committee.assignments[0], code="U-LÖS", goal=None, text="Ett uppdrag utan mål")
    dataset = replace(
        example,
        committees=(replace(committee, assignments=(*committee.assignments, loose)),),
    )
    report = build_report(dataset, FigureContext.of(dataset, "KS", T1))
    goals = report.sections[1]
    assert goals.sections[-1].title == "Övriga uppdrag"
    (table,) = goals.sections[-1].blocks
    assert isinstance(table, Table)
    assert [row.cells[1].text for row in table.rows] == ["Ett uppdrag utan mål"]


def test_the_cover_states_the_decision_and_a_plan_covers_its_whole_year(example: Dataset) -> None:
    meta = Meta("T", "K", "N", "Delårsrapport", "P", "23 maj 2023", "KS-2023/1", paragraph="§ 87")
    assert meta.facts == [
        ("Rapport", "Delårsrapport"),
        ("Period", "P"),
        ("Beslutad", "23 maj 2023, § 87"),
        ("Diarienummer", "KS-2023/1"),
    ]
    key = PeriodKey.parse("2023-VP")
    with_plan = replace(example, periods=(ReportingPeriod(key, date(2023, 1, 1)), *example.periods))
    plan = build_report(with_plan, FigureContext.of(with_plan, "KS", key))
    assert plan.meta.period == "1 januari – 31 december 2023"
