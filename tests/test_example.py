"""The example holds the reference report as published, and its counts agree with its data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import SHARED
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.formatting import NO_BREAK_SPACE, format_number
from uppsikt.domain.indicators import Indicator
from uppsikt.domain.narratives import Narrative, resolve
from uppsikt.domain.periods import PeriodKey

T1 = PeriodKey.parse("2023-T1")
SEED = SHARED / "seed" / "000_d009188470938b13.txt"

# The indicator tables as published: name | 2021 | 2022 | 2023 | etappmål | målvärde 2030.
PUBLISHED_INDICATORS = """
Oro för brottslighet i samhället (%) | 40 | 44 | | ≤38 | ≤35
Servicemätning - Enkelt att få hjälp med sin fråga via telefon, index | - | 73 | | >73,5 | >76
Invånare som kan rekommendera andra att flytta till kommunen (%) | 52 | 56 | | >61 | >75
Arbetsplatskvot | 0,85 | | | >0,85 | 1
Företagsklimat enligt öppna jämförelser (Insikt) - Totalt, NKI | 74 | | | >75 | >80
Hyresrätter i Huddinge (exklusive Vårby, Flemingsberg och Västra skogsås) % | 15 | | | >15 | ≥20
Bostadsrätter och äganderätter i Vårby, Flemingsberg och Västra Skogås (%) | 33 | | | >33 | >40
Invånare som är nöjda med utbudet av lekplatser, parklekar mm (%) | 77 | 76 | | >79 | >84
Färdigställda bostäder i flerfamiljs- och småhus under året, antal | 334 | | | ≥975 per år | ≥975 per år
Färdigställda bostäder inom influensområdet för Spårväg syd, antal | 121 | | | >600 per år | >600 per år
Fordon med förnyelsebara drivmedel i fordonsflottan (%) | 40,7 | 48,3 | | >80 | 100
Befolkning som bor i stationsnära läge (<1200 meter från spårstation) (%) | 71 | | | >71 | >75
Invånare som har max 300 meter till mindre grönyta eller park (minst 0,1-0,4 ha) (%) | 96,6 | 96,6 | | ≥96,6 | ≥96,6
Invånare som har max 800 meter till större grönyta eller park (minst 5 ha) (%) | 88,4 | 88,4 | | ≥88,4 | ≥88,4
Upphandlingar där moment av cirkulär ekonomi applicerats (%) | 8 | 26 | | >30 | >50
Nämndernas budgethållning (%) | 0,9 | 0,2 | | 0 | 0
Budgethållning bolag (mnkr) | 286 | | | ≥75 |
Budgethållning kommunstyrelsen (%) | 1,6 | 0,7 | | 0 | 0
Medarbetarengagemang (HME total nivå KF) (index) | 79 | 80 | 81 | >80 | 82
Sjukfrånvaro (KF) (%) | 8,5 | 8,6 | | <7,8 | ≤6,9
Medarbetarengagemang (HME total nivå KS) (index) | 74 | 76 | | >77 | >82
Sjukfrånvaro (KS) (%) | 3,7 | 4,4 | | <4,2 | <4
"""


def published_rows() -> list[list[str]]:
    return [
        [cell.strip() for cell in line.split("|")]
        for line in PUBLISHED_INDICATORS.strip().splitlines()
    ]


def row_of(indicator: Indicator) -> list[str]:
    def value(year: int) -> str:
        if year not in indicator.years():
            return ""
        found = indicator.value(year)
        return "-" if found is None else format_number(found, indicator.decimals)

    return [
        indicator.name,
        *(value(year) for year in (2021, 2022, 2023)),
        indicator.milestone.text if indicator.milestone else "",
        indicator.long_term.text if indicator.long_term else "",
    ]


def test_every_indicator_value_and_target_is_as_published(example: Dataset) -> None:
    indicators = example.committee("KS").indicators
    assert [row_of(item) for item in indicators] == published_rows()
    assert all(item.milestone and item.milestone.year == 2023 for item in indicators)
    assert all(item.long_term is None or item.long_term.year == 2030 for item in indicators)


def normalised(text: str) -> str:
    return " ".join(text.replace(NO_BREAK_SPACE, " ").split())


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"the reference report {SEED} is not on this machine")
    return normalised(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", published_rows(), ids=lambda row: row[0][:40])
def test_the_indicator_table_above_is_the_reference_reports(seed: str, row: list[str]) -> None:
    name, *cells = row
    tokens = [cell for cell in cells if cell]
    # Cells in the text: values may carry " %", comparators may be followed by a space,
    # "per år" may be glued to the number.
    parts = []
    for token in tokens:
        number = re.escape(token.replace(" per år", "")).replace("≤", "≤ ?").replace("<", "< ?")
        parts.append(number + (r" ?per år" if "per år" in token else "") + "(?: %)?")
    assert re.search(re.escape(name) + " " + " ".join(parts), seed), row


def test_assignments_per_status_agree_with_the_report(example: Dataset) -> None:
    assignments = example.committee("KS").assignments
    statuses = [item.status(T1) for item in assignments]
    counted = {code: statuses.count(code) for code in dict.fromkeys(statuses)}
    assert counted == {"blir-klart": 15, "troligen-klart": 7, "klart": 1, "ej-klart": 1}
    figures = live_figures(FigureContext.of(example, "KS", T1))
    assert figures["assignments.total"].value == len(assignments) == 24
    assert figures["assignments.not_done_this_year"].value == 1
    assert figures["assignments.done_this_year"].value == 23
    for code, count in counted.items():
        assert figures[f"assignments.status.{code}"].value == count


def test_internal_control_counts_agree_with_the_report(example: Dataset) -> None:
    plan = example.committee("KS").internal_control
    figures = live_figures(FigureContext.of(example, "KS", T1))
    value = {name: figure.value for name, figure in figures.items()}
    assert len(plan.risk_actions) == value["internal_control.risk_actions.total"] == 8
    assert value["internal_control.risk_actions.not_done_this_year"] == 3
    assert len(plan.audit_actions) == value["internal_control.audit_actions.total"] == 5
    assert len(plan.controls) == value["internal_control.controls.total"] == 9
    assert value["internal_control.controls.done_this_year"] == 9


def narrative(dataset: Dataset, key: str) -> Narrative:
    for top in dataset.committee("KS").narratives_for(T1):
        for item in top.walk():
            if item.key == key:
                return item
    raise KeyError(key)


def rendered(dataset: Dataset, key: str) -> str:
    figures = live_figures(FigureContext.of(dataset, "KS", T1))
    return normalised(resolve(narrative(dataset, key).body, figures))


def test_the_summary_counts_come_from_the_data(example: Dataset) -> None:
    text = rendered(example, "summary")
    assert "Av de 24 uppdrag som tilldelats nämndens verksamheter beräknas en inte" in text
    assert "bedöms tre av åtta riskåtgärder inte kunna färdigställas" in text
    # The published text says 11; the report's own table lists 9 controls.
    assert "Kommunstyrelsen har 9 internkontroller" in text


def test_the_personnel_text_takes_its_figures_from_the_data(example: Dataset) -> None:
    text = " ".join(
        rendered(example, item.key) for item in narrative(example, "personnel").walk() if item.body
    )
    for published in [
        "ökat med 7 personer till 396",
        "(rullande 12) till 16,2 procent",
        "då omsättningen var 15,9 procent",
        "sista 12 månaderna var 4,2 procent",
        "minskning med 0,1 procentenheter",
        "ökat från 5,0 till 5,9 procent",
        "minskat från 3,0 till 1,6 procent",
        "I mars 2023 var förvaltningens korttidssjukfrånvaro 1,4 procent jämfört med 0,8 procent",
        "ökning med 0,6 procentenheter",
        "mars månad 2023 är 4,0 procent",
        "ökat från 1,8 procent 2022 till 2,9 procent 2023",
    ]:
        assert published in text


def without_space(text: str) -> str:
    """The text without whitespace, Markdown list markers or the PDF's bullet glyphs."""
    text = re.sub(r"^- ", "", text, flags=re.MULTILINE)
    return re.sub(r"[\s\ue000-\uf8ff]+", "", text)


def test_every_assignment_text_and_comment_is_as_written(example: Dataset, seed: str) -> None:
    # The report repeats a table header at page breaks, inside some comments.
    page_breaks = without_space(SEED.read_text(encoding="utf-8")).replace(
        "StatusNämndensuppdragtillförvaltningKommentar", ""
    )
    for item in example.committee("KS").assignments:
        prefix = "Från Kommunfullmäktige " if item.origin.value == "council" else ""
        follow_up = item.follow_up(T1)
        assert follow_up is not None
        assert without_space(prefix + item.text) in page_breaks, item.code
        assert without_space(follow_up.comment) in page_breaks, item.code


def test_the_example_folder_documents_its_transcription() -> None:
    readme = Path(__file__).parents[1] / "examples" / "huddinge-ks-2023-t1" / "README.md"
    assert "Choices made in transcription" in readme.read_text(encoding="utf-8")
