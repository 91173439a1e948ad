"""The period's workflow: steps, who may take them, and what they need."""

from __future__ import annotations

from datetime import date

import pytest

from uppsikt.domain.access import Action
from uppsikt.domain.periods import PeriodState
from uppsikt.domain.workflow import Step, StepError, next_steps

OPEN, SUBMITTED, APPROVED, LOCKED = (
    PeriodState.OPEN,
    PeriodState.SUBMITTED,
    PeriodState.APPROVED,
    PeriodState.LOCKED,
)
DECIDED = date(2023, 5, 23)


def test_the_controller_takes_the_period_to_the_lock_and_only_an_administrator_reopens() -> None:
    assert [
        (s.current, s.target, s.action)
        for s in (
            Step(OPEN, SUBMITTED),
            Step(SUBMITTED, APPROVED, DECIDED),
            Step(APPROVED, LOCKED),
            Step(LOCKED, OPEN, reason="Fel i bilaga 2"),
        )
    ] == [
        (OPEN, SUBMITTED, Action.CONTROL),
        (SUBMITTED, APPROVED, Action.CONTROL),
        (APPROVED, LOCKED, Action.CONTROL),
        (LOCKED, OPEN, Action.ADMINISTER),
    ]


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (Step(OPEN, LOCKED), "en öppen period kan inte bli låst"),
        (Step(OPEN, APPROVED, DECIDED), "en öppen period kan inte bli godkänd"),
        (Step(SUBMITTED, APPROVED), "ange dagen då nämnden beslutade"),
        (Step(LOCKED, OPEN, reason="  "), "ange varför"),
        (Step(LOCKED, SUBMITTED), "en låst period kan inte bli inskickad"),
        (
            Step(OPEN, SUBMITTED, drafts=("Ekonomi", "Personal")),
            "alla textavsnitt är klarmarkerade; utkast: Ekonomi, Personal",
        ),
    ],
)
def test_a_step_the_workflow_does_not_allow_or_that_lacks_its_facts_is_refused(
    step: Step, message: str
) -> None:
    with pytest.raises(StepError, match=message):
        step.check()


def test_the_steps_open_from_each_state() -> None:
    assert [target for target, _, _ in next_steps(SUBMITTED)] == [OPEN, APPROVED]
    assert next_steps(LOCKED) == [(OPEN, Action.ADMINISTER, "Öppna den låsta perioden")]
