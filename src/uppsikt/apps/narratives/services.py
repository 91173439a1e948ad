"""Writing a text section: who may, when, with known live figures only, never over another's."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied

from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.queries import controls, require_open
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import save_if_current
from uppsikt.domain.narratives import Figure, TextProblem, check


class TextError(ValueError):
    """A text that cannot be rendered: unknown or malformed live figures, at their lines."""

    def __init__(self, problems: list[TextProblem]) -> None:
        super().__init__("; ".join(f"rad {p.line}: {p.message}" for p in problems))
        self.problems = problems


def update_narrative(
    user: User,
    narrative: Narrative,
    figures: Mapping[str, Figure],
    *,
    title: str,
    body: str,
    draft: bool,
    version: int,
) -> Narrative:
    """Save the section's title, text and draft mark, based on the section's `version`.

    `figures` are the committee's live figures for the period; a text citing any other is
    refused. Raises PermissionDenied, PeriodClosedError, TextError, or StaleVersionError with
    the section as someone else has since saved it.
    """
    if not controls(user, narrative.committee_year):
        raise PermissionDenied("du får inte skriva nämndens texter")
    require_open(narrative.committee_year, narrative.period)
    problems = check(body, figures)
    if problems:
        raise TextError(problems)
    return save_if_current(narrative, version, title=title, body=body, draft=draft)
