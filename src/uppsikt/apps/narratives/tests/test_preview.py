"""The live preview: the typed text rendered with the period's figures, for its writers only."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.domain.dataset import Dataset
from uppsikt.domain.figures import FigureContext, live_figures
from uppsikt.domain.periods import PeriodKey

pytestmark = pytest.mark.django_db
PREVIEW = "/kommun/0126/KS/2023-T1/texter/summary/forhandsgranska/"


def typed(body: str, title: str = "Sammanfattning") -> dict[str, object]:
    """What the page's script sends as the person types."""
    version = Narrative.objects.get(key="summary", period__kind="T1").version
    return {"title": title, "body": body, "version": version, "preview": "1"}


def test_the_preview_renders_the_typed_text_with_its_live_figures_and_saves_nothing(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    before = Narrative.objects.get(key="summary", period__kind="T1")
    context = FigureContext.of(loaded, "KS", PeriodKey.parse("2023-T1"))
    total = live_figures(context)["assignments.total"].value
    response = as_persona("controller").post(
        PREVIEW, typed("Av de *{assignments.total}* uppdragen:\n\n- ett")
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["errors"] == {}
    html = answer["html"]["narrative-preview"]
    assert f"<p>Av de <em>{total}</em> uppdragen:</p>" in html
    assert "<li>ett</li>" in html
    after = Narrative.objects.get(pk=before.pk)
    assert (after.body, after.version) == (before.body, before.version)


def test_the_preview_names_each_problem_at_its_line(as_persona: Callable[[str], Client]) -> None:
    answer = as_persona("admin").post(PREVIEW, typed("Rad ett.\r\nRad två {x.y", title="")).json()
    assert answer["errors"] == {
        "title": ["Detta fält måste fyllas i."],
        "body": ["rad 2: ensam klammer '{'; skriv {{"],
    }
    assert "rad 2: ensam klammer" in answer["html"]["narrative-preview"]


def test_the_preview_refuses_readers_reporters_and_outsiders(
    as_persona: Callable[[str], Client],
) -> None:
    assert as_persona("reader").post(PREVIEW, typed("{assignments.total}")).status_code == 403
    assert as_persona("reporter").post(PREVIEW, typed("{assignments.total}")).status_code == 403
    assert as_persona("outsider").post(PREVIEW, typed("{assignments.total}")).status_code == 404
    assert Client().post(PREVIEW, typed("{assignments.total}")).status_code == 302
    assert as_persona("controller").get(PREVIEW).status_code == 405


def test_the_preview_is_refused_once_the_period_is_submitted(
    as_persona: Callable[[str], Client],
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state="submitted")
    assert as_persona("controller").post(PREVIEW, typed("x")).status_code == 403
