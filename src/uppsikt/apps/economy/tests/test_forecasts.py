"""A controller enters forecasts: totals follow, saves never overwrite, others may not."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.test import Client

from tests.helpers import form_fields
from uppsikt.apps.economy.models import RowComment, TableCell
from uppsikt.apps.periods.models import CommitteePeriod
from uppsikt.domain.dataset import Dataset

pytestmark = pytest.mark.django_db
PAGE = "/kommun/0126/KS/2023-T1/ekonomi/resultatrakning/"


def forecast(row: str) -> TableCell:
    return TableCell.objects.get(
        table__key="resultatrakning", period__kind="T1", row__key=row, column__key="prognos"
    )


def form(client: Client, **typed: str) -> dict[str, str]:
    """The page's form as the browser sends it, with `typed` (row → text) in the forecasts."""
    fields = form_fields(client.get(PAGE).content.decode())
    return fields | {f"f-{row}-prognos": text for row, text in typed.items()}


def shown(client: Client, data: dict[str, str]) -> dict[str, int]:
    """The preview's figures, as numbers."""
    answer = json.loads(client.post(PAGE, {**data, "preview": "1"}).content)
    assert answer["errors"] == {}
    return {
        cell: int(text.replace("\u2212", "-").replace("\u00a0", ""))
        for cell, text in answer["cells"].items()
        if text
    }


def test_totals_and_deviations_follow_a_forecast_as_it_is_typed(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    before = shown(controller, form(controller))
    after = shown(controller, form(controller, personal="−280 000"))
    changed = {cell: after[cell] - before[cell] for cell in before if after[cell] != before[cell]}
    assert changed == {
        "c-personal-prognos": -2868,
        "c-personal-avvikelse": -2868,
        "c-kostnader-prognos": -2868,
        "c-kostnader-avvikelse": -2868,
        "c-resultat-prognos": -2868,
        "c-resultat-avvikelse": -2868,
    }
    assert forecast("personal").number == Decimal(-277132000)  # a preview saves nothing


def test_a_saved_forecast_is_kept_in_kronor_and_counts_its_version(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    version = forecast("personal").version
    response = controller.post(PAGE, form(controller, personal="−280 000"), follow=True)
    assert "Sparade 1 ändringar." in response.content.decode()
    saved = forecast("personal")
    assert (saved.number, saved.version) == (Decimal(-280000000), version + 1)
    assert saved.history.first().history_user.username == "controller"


def test_the_later_of_two_saves_is_refused_and_keeps_what_was_typed(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    seen = form(controller, personal="−280 000")
    admin.post(PAGE, form(admin, personal="−281 000"))
    late = controller.post(PAGE, seen)
    assert late.status_code == 409
    html = late.content.decode()
    assert "Någon annan har ändrat tabellen medan du arbetade (admin sparade " in html
    assert ": Prognos, Personal)" in html
    assert form_fields(late.content.decode())["f-personal-prognos"] == "−280 000"
    assert forecast("personal").number == Decimal(-281000000)


def test_what_is_not_a_number_is_said_next_to_its_cell_and_nothing_is_saved(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    response = controller.post(PAGE, form(controller, personal="mycket", lokaler="−32 000"))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="f-personal-prognos-error">' in html
    assert "&#x27;mycket&#x27; är inget tal" in html
    assert forecast("lokaler").number == Decimal(-31505000)


@pytest.mark.parametrize("persona", ["reporter", "reader"])
def test_only_a_controller_enters_forecasts(
    loaded: Dataset, as_persona: Callable[[str], Client], persona: str
) -> None:
    client = as_persona(persona)
    assert client.get(PAGE).status_code == 200
    assert "f-personal-prognos" not in client.get(PAGE).content.decode()
    forged = client.post(PAGE, {"f-personal-prognos": "1", "v-personal-prognos": "1"})
    assert forged.status_code == 403
    assert forecast("personal").number == Decimal(-277132000)


def test_a_period_no_longer_open_takes_no_forecasts(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    CommitteePeriod.objects.filter(period__kind="T1").update(state="submitted")
    controller = as_persona("controller")
    assert "f-personal-prognos" not in controller.get(PAGE).content.decode()
    assert controller.post(PAGE, {"f-personal-prognos": "1"}).status_code == 403


def comment_on(row: str) -> RowComment | None:
    return RowComment.objects.filter(
        table__key="resultatrakning", period__kind="T1", row__key=row
    ).first()


def test_a_row_comment_is_written_changed_and_cleared_with_the_forecasts(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    data = form(controller, personal="−280 000") | {"k-personal": "Fler tjänster tillsatta."}
    response = controller.post(PAGE, data, follow=True)
    assert "Sparade 2 ändringar." in response.content.decode()
    saved = comment_on("personal")
    assert saved is not None
    assert (saved.text, saved.version) == ("Fler tjänster tillsatta.", 1)
    assert form(controller)["k-personal"] == "Fler tjänster tillsatta."
    controller.post(PAGE, form(controller) | {"k-personal": "Färre vakanser."})
    assert comment_on("personal").text == "Färre vakanser."  # type: ignore[union-attr]
    controller.post(PAGE, form(controller) | {"k-personal": ""})
    assert comment_on("personal") is None
    history = controller.get(PAGE).content.decode()
    assert "Kommentaren till Personal borttagen" in history
    assert "Fler tjänster tillsatta. → Färre vakanser." in history


def test_a_comment_someone_else_changed_meanwhile_is_not_overwritten(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller, admin = as_persona("controller"), as_persona("admin")
    seen = form(controller) | {"k-lokaler": "Min förklaring."}
    admin.post(PAGE, form(admin) | {"k-lokaler": "Hyran höjd."})
    late = controller.post(PAGE, seen)
    assert late.status_code == 409
    html = late.content.decode()
    assert ": kommentaren till Lokaler)" in html
    assert form_fields(html)["k-lokaler"] == "Min förklaring."
    assert comment_on("lokaler").text == "Hyran höjd."  # type: ignore[union-attr]


def test_a_comment_too_long_is_said_next_to_it_and_nothing_is_saved(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    data = form(controller, personal="−280 000") | {"k-personal": "x" * 5001}
    response = controller.post(PAGE, data)
    assert response.status_code == 400
    assert "högst 5000 tecken (nu 5001)" in response.content.decode()
    assert comment_on("personal") is None
    assert forecast("personal").number == Decimal(-277132000)


def test_a_reader_sees_the_comments_without_fields(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    controller.post(PAGE, form(controller) | {"k-personal": "Fler tjänster tillsatta."})
    html = as_persona("reader").get(PAGE).content.decode()
    assert "<dt>Personal</dt><dd>Fler tjänster tillsatta.</dd>" in html
    assert "<textarea" not in html


def test_the_history_shows_the_30_latest_changes_and_all_on_request(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    reader = as_persona("reader")
    verksamhet = "/kommun/0126/KS/2023-T1/ekonomi/verksamhet/"
    html = reader.get(verksamhet).content.decode()
    shown = html[html.index('id="historik"') :]
    assert "De 30 senaste ändringarna, den senaste först" in shown
    assert shown.count("<tr>") == 31  # the header row and 30 changes
    assert 'href="?historik=alla#historik">Visa hela historiken (' in shown
    whole = reader.get(f"{verksamhet}?historik=alla").content.decode()
    assert whole[whole.index('id="historik"') :].count("<tr>") > 31


@pytest.mark.django_db(transaction=True)
def test_a_saved_forecast_shows_at_once_on_the_kept_table(
    loaded: Dataset, as_persona: Callable[[str], Client]
) -> None:
    controller = as_persona("controller")
    assert "−734\u00a0567" in controller.get(PAGE).content.decode()  # computed and kept
    controller.post(PAGE, form(controller, personal="−280 000"))
    html = controller.get(PAGE).content.decode()
    assert 'id="c-resultat-prognos">−737\u00a0435<' in html
    assert "Prognos, Personal ändrad" in html
    # As the table shows it, in its unit: not the kronor it is kept in.
    assert "<strong>Tal:</strong> −277\u00a0132 tkr → −280\u00a0000 tkr" in html
