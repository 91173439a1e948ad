"""A committee's period moving through its workflow: who may move it, and what each step needs.

open → submitted (the controller hands the period in, every text section marked done) → approved (the committee decided, on a
date, in a paragraph) → locked (the report is frozen). A controller may step back one stage
before the lock; only an administrator reopens a locked period, and must say why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from uppsikt.domain.access import Action
from uppsikt.domain.periods import STATE_NAMES, PeriodState, can_transition

OPEN, SUBMITTED, APPROVED, LOCKED = (
    PeriodState.OPEN,
    PeriodState.SUBMITTED,
    PeriodState.APPROVED,
    PeriodState.LOCKED,
)

# The action a person needs for each step of the workflow.
STEP_ACTIONS: dict[tuple[PeriodState, PeriodState], Action] = {
    (OPEN, SUBMITTED): Action.CONTROL,
    (SUBMITTED, OPEN): Action.CONTROL,
    (SUBMITTED, APPROVED): Action.CONTROL,
    (APPROVED, SUBMITTED): Action.CONTROL,
    (APPROVED, LOCKED): Action.CONTROL,
    (LOCKED, OPEN): Action.ADMINISTER,
}

STEP_NAMES: dict[tuple[PeriodState, PeriodState], str] = {
    (OPEN, SUBMITTED): "Skicka in",
    (SUBMITTED, OPEN): "Öppna igen",
    (SUBMITTED, APPROVED): "Godkänn (nämndens beslut)",
    (APPROVED, SUBMITTED): "Ångra godkännandet",
    (APPROVED, LOCKED): "Lås och frys rapporten",
    (LOCKED, OPEN): "Öppna den låsta perioden",
}


class StepError(ValueError):
    """A step the workflow does not allow, or one without what it needs."""


@dataclass(frozen=True, slots=True)
class Step:
    """A move from one state to another, with what the move records."""

    current: PeriodState
    target: PeriodState
    decision_date: date | None = None
    reason: str = ""
    # The titles of the period's text sections not yet marked done: they keep it from submission.
    drafts: tuple[str, ...] = ()

    @property
    def action(self) -> Action:
        """The action a person needs to take the step."""
        return STEP_ACTIONS[(self.current, self.target)]

    def check(self) -> None:
        """Raise StepError when the step is not allowed or lacks what it needs."""
        if not can_transition(self.current, self.target):
            raise StepError(
                f"en {STATE_NAMES[self.current]} period kan inte bli {STATE_NAMES[self.target]}"
            )
        if (self.current, self.target) == (OPEN, SUBMITTED) and self.drafts:
            raise StepError(
                "perioden kan skickas in först när alla textavsnitt är klarmarkerade; "
                f"utkast: {', '.join(self.drafts)}"
            )
        if self.target is APPROVED and self.decision_date is None:
            raise StepError("ange dagen då nämnden beslutade om rapporten")
        if (self.current, self.target) == (LOCKED, OPEN) and not self.reason.strip():
            raise StepError("ange varför den låsta perioden öppnas igen")


def next_steps(current: PeriodState) -> list[tuple[PeriodState, Action, str]]:
    """The steps open from `current`: target state, the action needed, and the step's name."""
    return [
        (target, action, STEP_NAMES[(state, target)])
        for (state, target), action in STEP_ACTIONS.items()
        if state is current
    ]
