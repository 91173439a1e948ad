"""Starting the next period: which period comes next, and what it starts from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from uppsikt.domain.assignments import Assignment, FollowUp, Origin
from uppsikt.domain.dataset import CommitteeYear, Dataset
from uppsikt.domain.economy.committee import Economy
from uppsikt.domain.economy.frame import BudgetFrame, FramePart
from uppsikt.domain.economy.money import Unit
from uppsikt.domain.economy.tables import (
    Cell,
    Column,
    ColumnKind,
    FinancialTable,
    Row,
    TableValues,
)
from uppsikt.domain.goals import CommitteeGoal, CouncilGoal, GoalAssessment, Perspective
from uppsikt.domain.indicators import (
    Comparator,
    Indicator,
    IndicatorValue,
    PeriodText,
    Polarity,
    Target,
)
from uppsikt.domain.internal_control import (
    AuditAction,
    AuditFinding,
    Control,
    InternalControl,
    Process,
    Risk,
    RiskAction,
)
from uppsikt.domain.narratives import Narrative
from uppsikt.domain.next_period import (
    CLOSING_DATE,
    PERIOD,
    Calendar,
    Refusal,
    choose,
    council_goals_to_add,
    drafts,
    into_next_year,
    is_done,
    model_period,
    plan,
    started,
    successors,
    suggestions,
    template,
)
from uppsikt.domain.organisation import Committee, Municipality
from uppsikt.domain.periods import CommitteePeriod, PeriodKey, ReportingPeriod
from uppsikt.domain.personnel import Personnel
from uppsikt.domain.report_template import Part, ReportTemplate, TemplateSection
from uppsikt.domain.vocabularies import Status, StatusOutcome, StatusVocabulary


def key(text: str) -> PeriodKey:
    return PeriodKey.parse(text)


def period(text: str, closing: str | None = None) -> ReportingPeriod:
    found = key(text)
    return ReportingPeriod(
        found, date.fromisoformat(closing) if closing else found.default_closing_date()
    )


@pytest.mark.parametrize(
    ("current", "following"),
    [
        ("2023-VP", ["2023-T1"]),
        ("2023-T1", ["2023-T2"]),
        ("2023-T2", ["2023-VB"]),
        ("2023-VB", ["2024-VP", "2024-T1"]),
        ("2023-M04", ["2023-M05"]),
        ("2023-M12", ["2024-M01"]),
    ],
)
def test_each_kind_of_period_has_its_usual_successors(current: str, following: list[str]) -> None:
    assert [str(item) for item in successors(key(current))] == following


def calendar(
    current: str, *periods: str, begun: tuple[str, ...] = (), next_year: bool = False
) -> Calendar:
    rows = tuple(period(item) for item in (current, *periods))
    return Calendar(rows[0], rows, frozenset(key(item) for item in (current, *begun)), next_year)


@pytest.mark.parametrize(
    ("current", "periods", "begun", "offered"),
    [
        # nothing later in the year: the usual successor, with its usual closing date
        ("2023-T1", (), (), ["2023-T2 2023-08-31"]),
        # the year's later periods first, by closing date, then the usual successor
        ("2023-T1", ("2023-VB", "2023-M06"), (), ["2023-M06", "2023-VB", "2023-T2"]),
        # a later period the committee has begun is not offered
        ("2023-T1", ("2023-T2",), ("2023-T2",), []),
        # the year-end report offers the next year's plan or first interim report
        ("2023-VB", (), (), ["2024-VP 2024-01-01", "2024-T1 2024-04-30"]),
        # ... the next year's periods the municipality has keep their own closing date
        ("2023-VB", ("2024-T1",), (), ["2024-VP", "2024-T1"]),
        ("2023-M12", (), (), ["2024-M01 2024-01-31"]),
        ("2023-VP", (), (), ["2023-T1"]),
    ],
)
def test_the_suggestions_are_the_periods_that_could_follow(
    current: str, periods: tuple[str, ...], begun: tuple[str, ...], offered: list[str]
) -> None:
    found = suggestions(calendar(current, *periods, begun=begun))
    expected = [item.split(" ")[0] for item in offered]
    assert [str(item.key) for item in found] == expected
    for item, text in zip(found, offered, strict=True):
        if " " in text:
            assert item.closing_date == date.fromisoformat(text.split(" ")[1])


def test_nothing_of_the_next_year_is_offered_once_the_committee_has_it() -> None:
    assert suggestions(calendar("2023-VB", next_year=True)) == ()


def test_a_new_period_is_compared_with_the_same_period_a_year_earlier() -> None:
    chosen, refused = choose(calendar("2023-T1"), key("2023-T2"))
    assert refused == []
    assert chosen == ReportingPeriod(key("2023-T2"), date(2023, 8, 31), comparison=key("2022-T2"))


def test_an_existing_period_is_chosen_with_its_own_closing_date() -> None:
    own = period("2023-T2", "2023-08-15")
    cal = Calendar(period("2023-T1"), (period("2023-T1"), own), frozenset({key("2023-T1")}))
    assert choose(cal, key("2023-T2")) == (own, [])
    assert choose(cal, key("2023-T2"), date(2023, 8, 15)) == (own, [])
    chosen, refused = choose(cal, key("2023-T2"), date(2023, 8, 31))
    assert chosen is None
    assert refused == [
        Refusal(
            CLOSING_DATE, "2023-T2 finns redan och slutar 15 augusti 2023; lämna slutdatumet tomt."
        )
    ]


@pytest.mark.parametrize(
    ("current", "begun", "next_year", "target", "closing", "refusal"),
    [
        ("2023-T1", ("2023-T2",), False, "2023-T2", None, (PERIOD, "Nämnden har redan perioden 2023-T2.")),
        ("2023-T1", (), False, "2023-T1", "2023-05-31", (PERIOD, "2023-T1 är den nuvarande perioden.")),
        ("2023-T1", (), False, "2025-T1", None, (PERIOD, "Nästa period ska ligga i 2023 eller 2024.")),
        ("2023-T1", (), False, "2022-VB", None, (PERIOD, "Nästa period ska ligga i 2023 eller 2024.")),
        ("2023-T1", (), False, "2023-VP", "2023-05-01", (PERIOD, "En verksamhetsplan inleder ett år; den startas från förra årets sista.")),
        ("2023-VB", (), True, "2024-T1", None, (PERIOD, "Nämnden har redan år 2024; starta nästa period från en av dess perioder.")),
        ("2023-T2", ("2023-VB",), False, "2024-T1", None, (PERIOD, "Nästa år startas från årets sista period, 2023-VB.")),
        ("2023-T1", (), False, "2023-T2", "2023-04-30", (CLOSING_DATE, "Slutdatumet måste vara efter 30 april 2023, då 2023-T1 slutar.")),
        ("2023-T1", (), False, "2023-M03", None, (CLOSING_DATE, "Slutdatumet måste vara efter 30 april 2023, då 2023-T1 slutar.")),
        ("2023-T1", (), False, "2023-T2", "2024-01-15", (CLOSING_DATE, "Slutdatumet för 2023-T2 ska ligga i 2023.")),
        ("2023-T1", (), False, "2023-M06", "2023-07-31", (CLOSING_DATE, "Slutdatumet för 2023-M06 ska ligga i juni 2023.")),
    ],
)  # fmt: skip
def test_a_period_that_cannot_follow_is_refused_with_the_reason(
    current: str,
    begun: tuple[str, ...],
    next_year: bool,
    target: str,
    closing: str | None,
    refusal: tuple[str, str],
) -> None:
    cal = calendar(current, *begun, begun=begun, next_year=next_year)
    chosen, refused = choose(cal, key(target), date.fromisoformat(closing) if closing else None)
    assert chosen is None
    assert refused == [Refusal(*refusal)]


@pytest.mark.parametrize(
    ("target", "closing"),
    [("2023-T2", None), ("2023-M05", None), ("2023-VB", "2023-12-20"), ("2024-VP", None)],
)
def test_a_later_period_of_the_year_or_the_next_is_accepted(
    target: str, closing: str | None
) -> None:
    chosen, refused = choose(
        calendar("2023-T1"), key(target), date.fromisoformat(closing) if closing else None
    )
    assert refused == []
    assert chosen is not None
    assert chosen.key == key(target)


@pytest.mark.parametrize(
    ("current", "begun", "target", "model"),
    [
        ("2023-T1", ("2023-VP",), "2023-T2", "2023-T1"),  # same family: the current one
        ("2023-VP", (), "2023-T1", "2023-VP"),  # no follow-up before: the current one
        ("2023-T2", ("2023-VP", "2023-M05"), "2023-M09", "2023-M05"),  # a month copies a month
        ("2023-VB", ("2023-VP", "2023-T2"), "2024-VP", "2023-VP"),  # a plan copies a plan
        ("2023-VB", ("2023-VP", "2023-T2"), "2024-T1", "2023-VB"),
    ],
)
def test_the_template_and_texts_come_from_the_latest_period_of_the_same_family(
    current: str, begun: tuple[str, ...], target: str, model: str
) -> None:
    cal = calendar(current, *begun, begun=begun)
    assert model_period(cal, key(target)) == key(model)


T1, T2 = key("2023-T1"), key("2023-T2")
TEXTS = (
    Narrative(
        T1,
        "ekonomi",
        "Ekonomi",
        "Prognosen är {economy.result.forecast|mnkr} mnkr.",
        sections=(Narrative(T1, "drift", "Drift", "Driften går bra."),),
    ),
    Narrative(T2, "senare", "Senare text"),
)


def test_the_texts_are_copied_whole_as_drafts_of_the_new_period() -> None:
    copied = drafts(TEXTS, T1, T2)
    assert [(item.period, item.key, item.title, item.body, item.draft) for top in copied for item in top.walk()] == [
        (T2, "ekonomi", "Ekonomi", "Prognosen är {economy.result.forecast|mnkr} mnkr.", True),
        (T2, "drift", "Drift", "Driften går bra.", True),
    ]  # fmt: skip


KLART = Status("klart", "Klart", StatusOutcome.DONE, "✔")
VOCABULARY = StatusVocabulary(
    "uppdrag",
    "Uppdrag",
    (
        KLART,
        Status("blir-klart", "Blir klart i år", StatusOutcome.EXPECTED_DONE, "●"),
        Status("ej-klart", "Ej klart i år", StatusOutcome.NOT_DONE, "✖"),
    ),
)
YEAR = ("2023-T1", "2023-T2", "2023-VB")
CLOSING = {key(item): key(item).default_closing_date() for item in YEAR}


def item(*statuses: tuple[str, str | None]) -> Assignment:
    follow_ups = tuple(FollowUp(key(text), status) for text, status in statuses)
    return Assignment("U1", "Uppdrag", Origin.COUNCIL, follow_ups=follow_ups)


@pytest.mark.parametrize(
    ("statuses", "until", "done"),
    [
        ((("2023-T1", "klart"),), "2023-VB", True),
        ((("2023-T1", "klart"), ("2023-T2", "ej-klart")), "2023-VB", False),  # the last one counts
        ((("2023-T2", "klart"), ("2023-T1", "ej-klart")), "2023-VB", True),  # by closing date
        ((("2023-T1", "klart"), ("2023-VB", None)), "2023-VB", True),  # no status says nothing
        ((("2023-T1", "blir-klart"),), "2023-VB", False),  # expected done is not done
        ((("2023-VB", "klart"),), "2023-T2", False),  # later than the period started from
        ((("2023-T1", "okänd"),), "2023-VB", False),
        ((), "2023-VB", False),
    ],
)
def test_an_item_is_done_when_its_last_status_up_to_the_period_says_so(
    statuses: tuple[tuple[str, str | None], ...], until: str, done: bool
) -> None:
    assert is_done(item(*statuses), VOCABULARY, CLOSING, CLOSING[key(until)]) is done


VB = key("2023-VB")
TABLE = FinancialTable(
    key="resultat",
    title="Resultaträkning",
    unit=Unit.TKR,
    decimals=0,
    columns=(Column("budget", "Budget", ColumnKind.BUDGET),),
    rows=(Row("intakter", "Intäkter"),),
    values=(TableValues(VB, (Cell("intakter", "budget", Decimal(1000)),)),),
)
GOAL = CommitteeGoal(
    "M1",
    "Öka tryggheten",
    "KF1",
    indicators=(
        Indicator(
            "M1-I1",
            "Trygghet",
            "%",
            0,
            Polarity.HIGHER,
            values=(IndicatorValue(2022, Decimal(70)), IndicatorValue(2023, Decimal(72))),
            milestone=Target(Comparator.GE, Decimal(75), 2023),
            comments=(PeriodText(VB, "Ökar."),),
        ),
    ),
    assessments=(GoalAssessment(VB, "uppfyllt", "Bra."),),
)
DONE = (FollowUp(VB, "klart", "Klart."),)
NOT_DONE = (FollowUp(VB, "ej-klart", "Fortsätter."),)
COMMITTEE = CommitteeYear(
    Committee("KS", "Kommunstyrelsen"),
    "uppdrag",
    "uppdrag",
    "mål",
    periods=(CommitteePeriod(VB),),
    goals=(GOAL,),
    assignments=(
        Assignment("U1", "Klart uppdrag", Origin.COUNCIL, "M1", follow_ups=DONE),
        Assignment("U2", "Pågående uppdrag", Origin.COMMITTEE, "M1", follow_ups=NOT_DONE),
        Assignment("U3", "Uppdrag utan status", Origin.ADDED),
    ),
    internal_control=InternalControl(
        processes=(Process("P1", "Ekonomi"),),
        risks=(Risk("R1", "P1", "Fel", 2, 3, (RiskAction("RA1", "Rutin", DONE),)),),
        audit_findings=(
            AuditFinding("G1", "Avslutad granskning", actions=(AuditAction("GA1", "Åtgärd", DONE),)),
            AuditFinding(
                "G2",
                "Pågående granskning",
                actions=(AuditAction("GA2", "Klar", DONE), AuditAction("GA3", "Kvar", NOT_DONE)),
            ),
            AuditFinding("G3", "Ny granskning"),
        ),
        controls=(Control("K1", "P1", "Attest", follow_ups=DONE),),
    ),
    narratives=(Narrative(VB, "sammanfattning", "Sammanfattning", "Året gick bra."),),
    economy=Economy(BudgetFrame(Unit.TKR, 0, (FramePart("Ram", Decimal(5000)),)), (TABLE,)),
    reports=(ReportTemplate(VB, (TemplateSection(narrative="sammanfattning"), TemplateSection("Mål", part=Part.GOALS))),),
)  # fmt: skip
DATASET = Dataset(
    Municipality("Huddinge kommun", "0126"),
    2023,
    (VOCABULARY,),
    (),
    tuple(ReportingPeriod(item, closing) for item, closing in CLOSING.items()),
    committees=(COMMITTEE,),
)
NEXT_T1 = key("2024-T1")


def test_the_next_year_keeps_the_goals_and_the_indicators_history_without_assessments() -> None:
    year = into_next_year(DATASET, "KS", VB, NEXT_T1, VB)
    (goal,) = year.goals
    (indicator,) = goal.indicators
    assert goal.assessments == ()
    assert indicator.values == GOAL.indicators[0].values
    assert indicator.milestone == GOAL.indicators[0].milestone
    assert indicator.comments == ()
    assert (year.assignment_statuses, year.control_statuses, year.assessment_scale) == (
        "uppdrag",
        "uppdrag",
        "mål",
    )
    assert year.periods == (CommitteePeriod(NEXT_T1),)


def test_the_next_year_carries_the_assignments_not_done_without_their_follow_ups() -> None:
    year = into_next_year(DATASET, "KS", VB, NEXT_T1, VB)
    assert [(item.code, item.goal, item.follow_ups) for item in year.assignments] == [
        ("U2", "M1", ()),
        ("U3", None, ()),
    ]


def test_the_next_year_carries_the_plan_and_the_findings_not_done() -> None:
    plan_ = into_next_year(DATASET, "KS", VB, NEXT_T1, VB).internal_control
    assert [item.code for item in plan_.processes] == ["P1"]
    assert [(risk.code, [a.code for a in risk.actions]) for risk in plan_.risks] == [
        ("R1", ["RA1"])
    ]
    assert [(f.code, [a.code for a in f.actions]) for f in plan_.audit_findings] == [
        ("G2", ["GA3"]),
        ("G3", []),
    ]
    assert [item.code for item in plan_.controls] == ["K1"]
    followed = [*plan_.risk_actions, *plan_.audit_actions, *plan_.controls]
    assert all(item.follow_ups == () for item in followed)


def test_the_next_year_has_the_tables_without_figures_and_no_frame() -> None:
    year = into_next_year(DATASET, "KS", VB, NEXT_T1, VB)
    (table,) = year.economy.tables
    assert (table.key, table.columns, table.rows, table.values) == (
        "resultat",
        TABLE.columns,
        TABLE.rows,
        (),
    )
    assert year.economy.frame is None
    assert year.personnel == Personnel()


def test_the_next_year_has_the_template_and_the_texts_as_drafts() -> None:
    year = into_next_year(DATASET, "KS", VB, NEXT_T1, VB)
    (report,) = year.reports
    assert report.period == NEXT_T1
    # The copied text gives its section its title; the template's own titles stay.
    assert [(section.title, section.narrative) for section in report.sections] == [
        ("", "sammanfattning"),
        ("Mål", None),
    ]
    assert [(item.period, item.key, item.body, item.draft) for item in year.narratives] == [
        (NEXT_T1, "sammanfattning", "Året gick bra.", True)
    ]


def test_within_the_year_only_the_template_and_the_texts_are_planned() -> None:
    t1 = Narrative(T1, "sammanfattning", "Sammanfattning", "Text.")
    year = CommitteeYear(
        Committee("KS", "Kommunstyrelsen"), "uppdrag", "uppdrag", "mål", narratives=(t1,)
    )
    dataset = Dataset(
        DATASET.municipality, 2023, (VOCABULARY,), (), (period("2023-T1"),), committees=(year,)
    )
    cal = Calendar(period("2023-T1"), dataset.periods, started(year) | {T1})
    found = plan(dataset, "KS", cal, period("2023-T2"))
    assert found.next_year is None
    assert (found.current, found.model, found.template.period) == (T1, T1, T2)
    # Without a template of its own, the current period's default one is copied.
    assert found.template.sections[0].narrative == "sammanfattning"
    assert [(item.period, item.draft) for item in found.narratives] == [(T2, True)]


def test_a_template_copied_from_an_earlier_period_keeps_the_titles_of_texts_not_copied() -> None:
    earlier = (
        TemplateSection(narrative="sammanfattning"),
        TemplateSection(narrative="borttagen", part=Part.GOALS),
    )
    year = CommitteeYear(
        Committee("KS", "Kommunstyrelsen"),
        "uppdrag",
        "uppdrag",
        "mål",
        narratives=(
            Narrative(T1, "sammanfattning", "Sammanfattning"),
            Narrative(T1, "borttagen", "Mål och resultat"),
            Narrative(T2, "sammanfattning", "Sammanfattning per augusti"),
        ),
        reports=(ReportTemplate(T1, earlier),),
    )
    copied = template(year, T2, VB)
    assert copied.period == VB
    assert [(item.title, item.narrative) for item in copied.sections] == [
        ("", "sammanfattning"),  # its text is copied from T2: it follows the text's title
        ("Mål och resultat", "borttagen"),  # no text of T2: the heading stands without one
    ]


def test_a_period_is_begun_by_its_state_its_texts_or_its_template() -> None:
    year = CommitteeYear(
        Committee("KS", "Kommunstyrelsen"),
        "uppdrag",
        "uppdrag",
        "mål",
        periods=(CommitteePeriod(key("2023-VP")),),
        narratives=(Narrative(T1, "a", "A"),),
        reports=(ReportTemplate(T2, ()),),
    )
    assert started(year) == {key("2023-VP"), T1, T2}


PREVIOUS = (
    Perspective("social", "Social hållbarhet", (CouncilGoal("KF1", "Trygg"), CouncilGoal("KF2", "Arbete"))),
    Perspective("ekonomisk", "Ekonomisk hållbarhet", (CouncilGoal("KF7", "Sund ekonomi"),)),
)  # fmt: skip


@pytest.mark.parametrize(
    ("present", "needed", "added"),
    [
        ((), ("KF1",), {"social": ["KF1", "KF2"], "ekonomisk": ["KF7"]}),  # a new year: all of it
        ((Perspective("social", "Social", (CouncilGoal("KF1", "Trygg"),)),), ("KF1", "KF7"), {"ekonomisk": ["KF7"]}),
        ((Perspective("social", "Social", (CouncilGoal("KF1", "Trygg"),)),), ("KF1",), {}),
        ((Perspective("ny", "Ny", (CouncilGoal("KF9", "Nytt"),)),), ("KF2",), {"social": ["KF2"]}),
    ],
)  # fmt: skip
def test_the_next_year_gets_the_council_goals_the_committees_goals_need(
    present: tuple[Perspective, ...], needed: tuple[str, ...], added: dict[str, list[str]]
) -> None:
    found = council_goals_to_add(PREVIOUS, present, needed)
    assert {item.code: [goal.code for goal in item.council_goals] for item in found} == added
