"""Starta nästa period: the next period within the year and into the next, and who may."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from conftest import make_persona
from django.apps import apps
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.test import Client

from uppsikt.apps.datasets.services import committee_year_to_domain
from uppsikt.apps.economy.models import BudgetFrame, FinancialTable, TableCell
from uppsikt.apps.goals.models import CouncilGoal, Indicator, IndicatorValue
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.services import StartRefusedError, start_next_period
from uppsikt.apps.reporting.models import ReportSection
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.periods import PeriodKey
from uppsikt.domain.vocabularies import StatusOutcome

pytestmark = pytest.mark.django_db
T1, T2 = PeriodKey.parse("2023-T1"), PeriodKey.parse("2023-T2")
VB, NEXT_T1 = PeriodKey.parse("2023-VB"), PeriodKey.parse("2024-T1")
PAGE = "/kommun/0126/KS/2023-T1/nasta-period/"


def committee_period(key: PeriodKey) -> CommitteePeriod:
    return CommitteePeriod.objects.select_related("committee_year__year", "period__year").get(
        committee_year__committee__code="KS",
        committee_year__year__year=key.year,
        period__kind=key.kind.value,
    )


def controller() -> User:
    return make_persona("controller")


def everything() -> dict[str, int]:
    """How many rows, and history rows, every model of Uppsikt holds."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label.split(".")[0] not in ("sessions", "auth", "contenttypes", "admin")
    }


def test_t2_starts_open_with_the_template_and_the_texts_as_drafts(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    response = as_persona("controller").post(PAGE, {"period": "2023-T2", "closing_date": ""})
    assert response.status_code == 302
    assert response["Location"] == "/kommun/0126/KS/2023-T2/"
    period = ReportingPeriod.objects.get(kind="T2")
    assert (period.closing_date, period.comparison) == (date(2023, 8, 31), "2022-T2")
    assert committee_period(T2).state == "open"
    year = committee_year_to_domain(committee_period(T2).committee_year)
    before, after = year.narratives_for(T1), year.narratives_for(T2)
    # The whole tree, titles and bodies, every section a draft of the new period.
    assert [(item.key, item.title, item.body) for top in after for item in top.walk()] == [
        (item.key, item.title, item.body) for top in before for item in top.walk()
    ]
    assert all(item.draft and item.period == T2 for top in after for item in top.walk())
    own = next(item for item in year.reports if item.period == T2)
    assert [s.narrative for top in own.sections for s in top.walk()] == [
        s.narrative for top in year.report_template(T1).sections for s in top.walk()
    ]
    assert ReportSection.objects.filter(period=period).count() == sum(
        len(top.walk()) for top in own.sections
    )


def test_the_period_started_from_is_left_as_it_was(loaded: Dataset) -> None:
    committee_year = committee_period(T1).committee_year
    before = committee_year_to_domain(committee_year)
    start_next_period(controller(), committee_period(T1), T2)
    after = committee_year_to_domain(committee_year)
    assert after.narratives_for(T1) == before.narratives_for(T1)
    assert after.report_template(T1) == before.report_template(T1)
    # Goals, assignments, internal control and economy belong to the year: nothing is added
    # to them, no follow-up, assessment, figure or forecast of the new period.
    assert (after.goals, after.assignments, after.internal_control, after.economy) == (
        before.goals,
        before.assignments,
        before.internal_control,
        before.economy,
    )
    assert [item.period for item in after.periods] == [T1, T2]


def test_every_change_records_who_started_the_period_and_from_where(loaded: Dataset) -> None:
    person = controller()
    start_next_period(person, committee_period(T1), T2)
    created = Narrative.history.filter(period__kind="T2")
    assert created.count() == Narrative.objects.filter(period__kind="T2").count() > 0
    assert {item.history_change_reason for item in created} == {"Startad från 2023-T1"}
    period = CommitteePeriod.history.get(period__kind="T2")
    assert period.history_change_reason == "Startad från 2023-T1"


def test_the_new_periods_page_shows_its_texts_and_waits_for_updates(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("controller")
    client.post(PAGE, {"period": "2023-T2"})
    page = client.get("/kommun/0126/KS/2023-T2/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sammanfattning" in text
    assert "Perioden är <strong>öppen</strong>" in text


def test_a_second_start_of_the_same_period_is_refused_and_writes_nothing(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    person, admin = controller(), as_persona("admin")
    start_next_period(person, committee_period(T1), T2)
    counts = everything()
    with pytest.raises(StartRefusedError, match=r"Nämnden har redan perioden 2023-T2\."):
        start_next_period(person, committee_period(T1), T2)
    refused = admin.post(PAGE, {"period": "2023-T2"})
    assert refused.status_code == 200
    assert "Nämnden har redan perioden 2023-T2." in refused.content.decode()
    assert everything() == counts


def test_a_closing_date_before_the_current_periods_end_is_refused_next_to_its_field(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("controller")
    counts = everything()
    refused = client.post(PAGE, {"period": "2023-T2", "closing_date": "2023-04-01"})
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.errors == {
        "closing_date": ["Slutdatumet måste vara efter 30 april 2023, då 2023-T1 slutar."]
    }
    assert everything() == counts


@pytest.mark.parametrize("persona", ["reader", "reporter"])
def test_a_reader_and_a_reporter_may_not_start_a_period(
    loaded: Dataset, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    counts = everything()
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"period": "2023-T2"}).status_code == 403
    assert everything() == counts
    user = User.objects.get(username=persona)
    with pytest.raises(PermissionDenied):
        start_next_period(user, committee_period(T1), T2)
    assert "Starta nästa period" not in client.get("/kommun/0126/KS/2023-T1/").content.decode()


def test_the_page_suggests_t2_and_says_what_is_copied(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    client = as_persona("controller")
    assert "Starta nästa period" in client.get("/kommun/0126/KS/2023-T1/").content.decode()
    page = client.get(PAGE)
    assert page.status_code == 200
    assert page.context["form"]["period"].value() == "2023-T2"
    text = page.content.decode()
    assert "Kommunen får perioden 2023-T2" in text
    assert "Rapportmallen kopieras från 2023-T1" in text
    assert "Starta 2023-T2" in text
    named = client.get(PAGE, {"period": "2023-T1"})
    assert named.context["form"].errors == {"period": ["2023-T1 är den nuvarande perioden."]}
    assert "Starta 2023" not in named.content.decode()


def status_outcomes(dataset: Dataset) -> dict[str, StatusOutcome]:
    vocabulary = dataset.vocabulary(dataset.committee("KS").assignment_statuses)
    return {status.code: status.outcome for status in vocabulary.statuses}


def test_the_next_year_starts_from_this_years_structure(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    person = controller()
    start_next_period(person, committee_period(T1), VB)
    started = start_next_period(person, committee_period(VB), NEXT_T1)
    assert (started.period.key, started.state) == (NEXT_T1, "open")
    old = committee_period(T1).committee_year
    new = started.committee_year
    assert (new.assignment_statuses, new.control_statuses, new.assessment_scale) == (
        old.assignment_statuses,
        old.control_statuses,
        old.assessment_scale,
    )
    before, after = committee_year_to_domain(old), committee_year_to_domain(new)
    # Goals and indicators, with the indicators' values and targets; no assessment or comment.
    assert [goal.code for goal in after.goals] == [goal.code for goal in before.goals]
    assert [(i.code, i.values, i.milestone, i.long_term) for i in after.indicators] == [
        (i.code, i.values, i.milestone, i.long_term) for i in before.indicators
    ]
    assert IndicatorValue.objects.filter(indicator__goal__committee_year=new).count() > 0
    assert all(goal.assessments == () for goal in after.goals)
    assert all(indicator.comments == () for indicator in after.indicators)
    # The assignments not done by their last status (T1's: none was given in VB).
    outcomes = status_outcomes(loaded)
    unfinished = [
        item.code
        for item in before.assignments
        if outcomes.get(item.status(T1) or "") is not StatusOutcome.DONE
    ]
    assert [item.code for item in after.assignments] == unfinished
    assert 0 < len(unfinished) < len(before.assignments)
    assert all(item.follow_ups == () for item in after.assignments)
    # The internal-control plan, without follow-ups.
    plan, previous = after.internal_control, before.internal_control
    assert [item.code for item in plan.processes] == [item.code for item in previous.processes]
    assert [item.code for item in plan.controls] == [item.code for item in previous.controls]
    assert [item.code for item in plan.risk_actions] == [
        item.code for item in previous.risk_actions
    ]
    assert all(not item.follow_ups for item in (*plan.risk_actions, *plan.controls))
    # Financial tables with their structure, no figures; the frame is the new year's decision.
    assert [t.key for t in after.economy.tables] == [t.key for t in before.economy.tables]
    assert not TableCell.objects.filter(table__committee_year=new).exists()
    assert FinancialTable.objects.filter(committee_year=new).count() > 0
    assert not BudgetFrame.objects.filter(committee_year=new).exists()
    # The template and the texts, as drafts; the council's goals for the new year.
    assert [item.period for item in after.reports] == [NEXT_T1]
    assert after.narratives
    assert all(item.draft for top in after.narratives for item in top.walk())
    assert CouncilGoal.objects.filter(perspective__year__year=2024).count() == (
        CouncilGoal.objects.filter(perspective__year__year=2023).count()
    )
    assert Indicator.objects.filter(goal__committee_year=new).count() == len(before.indicators)
    page = as_persona("reader").get("/kommun/0126/KS/2024-T1/")
    assert page.status_code == 200


def test_the_next_year_cannot_be_started_twice(loaded: Dataset) -> None:
    person = controller()
    start_next_period(person, committee_period(T1), VB)
    start_next_period(person, committee_period(VB), NEXT_T1)
    counts = everything()
    with pytest.raises(StartRefusedError, match="Nämnden har redan år 2024"):
        start_next_period(person, committee_period(VB), PeriodKey.parse("2024-VP"))
    assert everything() == counts
    assert CommitteeYear.objects.filter(year__year=2024).count() == 1
