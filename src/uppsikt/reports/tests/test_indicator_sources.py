"""Under a goal's indicator table the report says where the values came from, in every format."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

from docx import Document

from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext
from uppsikt.domain.goals import CommitteeGoal
from uppsikt.domain.indicators import Indicator
from uppsikt.reports.build import build_report
from uppsikt.reports.document import Paragraph, ReportDocument, Section
from uppsikt.reports.render.docx import render_docx
from uppsikt.reports.tests.conftest import T1

FETCHED = date(2026, 11, 20)


def from_kolada(indicator: Indicator, fetched: date = FETCHED) -> Indicator:
    values = tuple(replace(item, source="Kolada", fetched=fetched) for item in indicator.values)
    return replace(indicator, values=values)


def with_goal(example: Dataset, code: str, change: dict[str, bool]) -> Dataset:
    """The example with the goal's indicators named in `change` taken from Kolada."""
    committee = example.committee("KS")

    def goal(item: CommitteeGoal) -> CommitteeGoal:
        if item.code != code:
            return item
        return replace(
            item,
            indicators=tuple(
                from_kolada(ind) if change.get(ind.code) else ind for ind in item.indicators
            ),
        )

    changed = replace(committee, goals=tuple(goal(item) for item in committee.goals))
    return replace(example, committees=(changed,))


def notes(document: ReportDocument, goal: str) -> list[str]:
    section: Section = next(item for _, item in document.walk() if item.key == f"mal-{goal}")
    return [
        block.text
        for block in section.blocks
        if isinstance(block, Paragraph) and block.text.startswith("Källa")
    ]


def build(dataset: Dataset) -> ReportDocument:
    return build_report(dataset, FigureContext.of(dataset, "KS", T1))


def test_no_paragraph_of_the_example_names_a_source(report: ReportDocument) -> None:
    texts = [
        block.text
        for _, section in report.walk()
        for block in section.blocks
        if isinstance(block, Paragraph)
    ]
    assert [text for text in texts if text.startswith("Källa")] == []


def test_a_goal_whose_indicators_all_come_from_kolada_gets_one_source_line(
    example: Dataset,
) -> None:
    document = build(with_goal(example, "M2", {"M2-I1": True, "M2-I2": True}))
    assert notes(document, "M2") == ["Källa: Kolada, hämtad 2026-11-20."]


def test_when_only_some_do_the_line_names_them(example: Dataset) -> None:
    document = build(with_goal(example, "M1", {"M1-I1": True, "M1-I3": True}))
    assert notes(document, "M1") == [
        "Källa för Oro för brottslighet i samhället (%) och "
        + example.committee("KS").goals[0].indicators[2].name
        + ": Kolada, hämtad 2026-11-20."
    ]


def test_the_word_file_carries_the_source_line(example: Dataset) -> None:
    document = build(with_goal(example, "M2", {"M2-I1": True, "M2-I2": True}))
    assert "Källa: Kolada, hämtad 2026-11-20." in _docx_text(render_docx(document))


def _docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in Document(BytesIO(data)).paragraphs)
