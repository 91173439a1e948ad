"""The report template: a committee's own structure, copied forward to the next period."""

from __future__ import annotations

from uppsikt.domain.dataset import CommitteeYear
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.organisation import Committee
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.report_template import Part, ReportTemplate, TemplateSection

T1 = PeriodKey.parse("2023-T1")
T2 = PeriodKey.parse("2023-T2")
VB = PeriodKey.parse("2023-VB")
APRIL = PeriodKey.parse("2023-M04")

OWN = (
    TemplateSection(narrative="sammanfattning"),
    TemplateSection(
        "Ekonomi",
        narrative="ekonomi",
        sections=(TemplateSection(narrative="drift", part=Part.TABLE, table="resultat"),),
    ),
    TemplateSection(narrative="bilaga", appendix=True),
)
TEXTS = (
    Narrative(T1, "sammanfattning", "Sammanfattning", "Året började bra."),
    Narrative(
        T1, "ekonomi", "Ekonomiskt utfall", sections=(Narrative(T1, "drift", "Driftredovisning"),)
    ),
)


def committee(*reports: ReportTemplate) -> CommitteeYear:
    return CommitteeYear(
        Committee("KS", "Kommunstyrelsen"),
        "uppdrag",
        "uppdrag",
        "mål",
        narratives=TEXTS,
        reports=reports,
    )


def test_a_period_with_its_own_template_uses_it() -> None:
    own = ReportTemplate(T2, OWN[:1])
    assert committee(ReportTemplate(T1, OWN), own).report_template(T2) is own


def test_the_next_period_starts_from_a_copy_of_the_latest_earlier_template() -> None:
    copied = committee(ReportTemplate(T1, OWN)).report_template(VB)
    assert copied.period == VB
    titles = [item.title for top in copied.sections for item in top.walk()]
    # Titles taken from the earlier period's texts, so the sections stand before they are written.
    assert titles == ["Sammanfattning", "Ekonomi", "Driftredovisning", ""]
    assert [item.narrative for top in copied.sections for item in top.walk()] == [
        "sammanfattning",
        "ekonomi",
        "drift",
        "bilaga",
    ]
    assert copied.sections[1].sections[0].table == "resultat"
    assert copied.sections[2].appendix


def test_the_latest_earlier_template_wins_and_later_ones_are_not_copied_back() -> None:
    t1 = ReportTemplate(T1, OWN)
    t2 = ReportTemplate(T2, OWN[:2])
    year = committee(t2, t1)
    assert len(year.report_template(VB).sections) == 2
    assert year.report_template(T1) is t1
    assert year.report_template(PeriodKey.parse("2023-VP")).sections != OWN


def test_a_monthly_report_does_not_copy_the_interim_reports_structure() -> None:
    year = committee(ReportTemplate(T1, OWN))
    default = year.report_template(APRIL)
    assert [section.title for section in default.sections][-4:] == [
        "Mål och resultat",
        "Ekonomi",
        "Personal",
        "Intern kontroll",
    ]
