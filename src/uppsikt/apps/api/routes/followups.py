"""Assignments and internal-control items with their follow-ups, and writing a follow-up."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from ninja import Router

from uppsikt.apps.api.errors import ApiError, Conflict, Error, based_on, etag, not_found, sentence
from uppsikt.apps.api.places import Here, here, readable
from uppsikt.apps.api.schemas import (
    AssignmentOut,
    ControlItemOut,
    FollowUpIn,
    FollowUpOut,
    StatusOut,
)
from uppsikt.apps.assignments import services as assignments
from uppsikt.apps.assignments.models import Assignment
from uppsikt.apps.followups import FollowUpBase
from uppsikt.apps.internal_control import services as internal_control
from uppsikt.apps.internal_control.queries import KINDS, Found, facts, item_for
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.apps.vocabularies.models import Status, StatusVocabulary
from uppsikt.domain.access import Action

router = Router(tags=["Uppdrag och intern kontroll"])
PERIOD = "/committees/{kolada_id}/{committee}/periods/{period}"
WRITE_ANSWERS = {200: FollowUpOut, 400: Error, 403: Error, 404: Error, 409: Conflict, 428: Error}


def follow_up_out(period: str, row: FollowUpBase | None) -> FollowUpOut:
    """A follow-up as the API gives it (version 0 when none is written)."""
    status = row.status if row is not None else None
    return FollowUpOut(
        period=period,
        status=None
        if status is None
        else StatusOut(
            code=status.code, label=status.label, symbol=status.symbol, outcome=status.outcome
        ),
        comment=row.comment if row is not None else "",
        version=row.version if row is not None else 0,
    )


def _every_period(rows: Iterable[FollowUpBase]) -> list[FollowUpOut]:
    ordered = sorted(rows, key=lambda row: row.period.closing_date)
    return [follow_up_out(str(row.period.key), row) for row in ordered]


def _this_period(place: Here, rows: Iterable[FollowUpBase]) -> FollowUpOut:
    row = next((row for row in rows if row.period_id == place.period.pk), None)
    return follow_up_out(str(place.key), row)


def _status(vocabulary: StatusVocabulary, code: str | None) -> Status | None:
    if code is None or code == "":
        return None
    found = vocabulary.statuses.filter(code=code).first()
    if found is None:
        codes = ", ".join(vocabulary.statuses.values_list("code", flat=True))
        raise ApiError(400, f"Okänd status '{code}'; välj bland {codes}", "status")
    return found


def write_follow_up(
    request: HttpRequest,
    *,
    response: HttpResponse,
    body: FollowUpIn,
    vocabulary: StatusVocabulary,
    save: Callable[..., FollowUpBase],
    current: Callable[[], FollowUpOut],
) -> FollowUpOut:
    """Save a follow-up through its service; every refusal as the API's error."""
    version = based_on(request, body.version)
    status = _status(vocabulary, body.status)
    try:
        save(status=status, comment=body.comment, version=version)
    except ValueError as error:
        raise ApiError(400, sentence(str(error)), "status") from error
    except StaleVersionError as error:
        message = "Någon annan har ändrat uppföljningen sedan den version du utgick från"
        raise ApiError(409, message, "version", current=current()) from error
    saved = current()
    response["ETag"] = etag(saved.version)
    return saved


# Assignments


def _assignment(place: Here, code: str) -> Assignment:
    if not readable(code):
        raise not_found()
    found = (
        Assignment.objects.for_user(place.user, Action.VIEW)
        .filter(committee_year=place.year, code=code)
        .select_related("committee_year__assignment_statuses", "goal", "unit")
        .first()
    )
    if found is None:
        raise not_found("inget sådant uppdrag")
    return found


def _assignment_out(place: Here, item: Assignment, reporters: set[int]) -> AssignmentOut:
    rows = list(item.follow_ups.all())
    return AssignmentOut(
        code=item.code,
        text=item.text,
        origin=item.origin,
        goal=item.goal.code if item.goal else None,
        unit=item.unit.code if item.unit else None,
        unit_name=item.unit.name if item.unit else "",
        may_report=item.pk in reporters and place.open,
        follow_up=_this_period(place, rows),
        follow_ups=_every_period(rows),
    )


def _reporters(place: Here) -> set[int]:
    allowed = Assignment.objects.for_user(place.user, Action.REPORT)
    return set(allowed.filter(committee_year=place.year).values_list("pk", flat=True))


@router.get(
    f"{PERIOD}/assignments", response={200: list[AssignmentOut], 404: Error}, summary="Uppdragen"
)
def assignment_list(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> list[AssignmentOut]:
    """The committee year's assignments, each with its follow-up for the period and before."""
    place = here(request, kolada_id, committee, period)
    items = (
        Assignment.objects.for_user(place.user, Action.VIEW)
        .filter(committee_year=place.year)
        .select_related("goal", "unit")
        .prefetch_related("follow_ups__status", "follow_ups__period__year")
    )
    reporters = _reporters(place)
    return [_assignment_out(place, item, reporters) for item in items]


@router.get(
    f"{PERIOD}/assignments/{{code}}",
    response={200: AssignmentOut, 404: Error},
    summary="Ett uppdrag",
)
def assignment(
    request: HttpRequest, kolada_id: str, committee: str, period: str, code: str
) -> AssignmentOut:
    """An assignment with its follow-up for the period and before."""
    place = here(request, kolada_id, committee, period)
    return _assignment_out(place, _assignment(place, code), _reporters(place))


def _assignment_follow_up(place: Here, item: Assignment) -> FollowUpOut:
    row = item.follow_ups.filter(period=place.period).select_related("status").first()
    return follow_up_out(str(place.key), row)


@router.get(
    f"{PERIOD}/assignments/{{code}}/follow-up",
    response={200: FollowUpOut, 404: Error},
    summary="Ett uppdrags uppföljning",
)
def assignment_follow_up(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
) -> FollowUpOut:
    """The assignment's status and comment for the period, with its version as ETag."""
    place = here(request, kolada_id, committee, period)
    found = _assignment_follow_up(place, _assignment(place, code))
    response["ETag"] = etag(found.version)
    return found


@router.put(
    f"{PERIOD}/assignments/{{code}}/follow-up",
    response=WRITE_ANSWERS,
    summary="Uppdatera ett uppdrags uppföljning",
)
def update_assignment_follow_up(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
    body: FollowUpIn,
) -> FollowUpOut:
    """Set the assignment's status and comment for the period (who may report on it)."""
    place = here(request, kolada_id, committee, period)
    item = _assignment(place, code)

    def save(**values: object) -> FollowUpBase:
        return assignments.update_follow_up(place.user, item, place.period, **values)  # type: ignore[arg-type]

    return write_follow_up(
        request,
        response=response,
        body=body,
        vocabulary=item.committee_year.assignment_statuses,
        save=save,
        current=lambda: _assignment_follow_up(place, item),
    )


# Internal control


def _item(place: Here, kind: str, code: str) -> Found:
    if not readable(kind, code):
        raise not_found()
    found = item_for(place.user, kind, place.year, place.period, code)
    if found is None:
        raise not_found("ingen sådan punkt i den interna kontrollen")
    return found


def _item_out(place: Here, found: Found) -> ControlItemOut:
    rows = found.kind.follow_ups(found.item)
    return ControlItemOut(
        kind=found.kind.slug,
        kind_name=found.kind.name,
        code=found.item.code,
        text=found.item.text,
        facts=dict(facts(found)),
        follow_up=_this_period(place, rows),
        follow_ups=_every_period(rows),
    )


@router.get(
    f"{PERIOD}/internal-control",
    response={200: list[ControlItemOut], 404: Error},
    summary="Den interna kontrollens punkter",
)
def control_items(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> list[ControlItemOut]:
    """Every risk action, action on an audit finding and control, with their follow-ups."""
    place = here(request, kolada_id, committee, period)
    items = []
    for kind in KINDS.values():
        rows = kind.model.objects.for_user(place.user, Action.VIEW).filter(
            **{kind.year_path: place.year}
        )
        for row in rows:
            items.append(_item_out(place, Found(kind, row, place.year, place.period)))
    return items


@router.get(
    f"{PERIOD}/internal-control/{{kind}}/{{code}}",
    response={200: ControlItemOut, 404: Error},
    summary="En punkt i den interna kontrollen",
)
def control_item(
    request: HttpRequest, *, kolada_id: str, committee: str, period: str, kind: str, code: str
) -> ControlItemOut:
    """A risk action (`riskatgard`), audit action (`granskningsatgard`) or control (`kontroll`)."""
    place = here(request, kolada_id, committee, period)
    return _item_out(place, _item(place, kind, code))


def _item_follow_up(place: Here, found: Found) -> FollowUpOut:
    rows = found.kind.follow_up._default_manager.filter(
        **{found.kind.item_field: found.item, "period": place.period}
    )
    return follow_up_out(str(place.key), rows.select_related("status").first())


@router.get(
    f"{PERIOD}/internal-control/{{kind}}/{{code}}/follow-up",
    response={200: FollowUpOut, 404: Error},
    summary="En punkts uppföljning",
)
def control_item_follow_up(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    kind: str,
    code: str,
) -> FollowUpOut:
    """The item's status and comment for the period, with its version as ETag."""
    place = here(request, kolada_id, committee, period)
    found = _item_follow_up(place, _item(place, kind, code))
    response["ETag"] = etag(found.version)
    return found


@router.put(
    f"{PERIOD}/internal-control/{{kind}}/{{code}}/follow-up",
    response=WRITE_ANSWERS,
    summary="Uppdatera en punkts uppföljning",
)
def update_control_item_follow_up(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    kind: str,
    code: str,
    body: FollowUpIn,
) -> FollowUpOut:
    """Set the item's status and comment for the period (the committee's controller)."""
    place = here(request, kolada_id, committee, period)
    found = _item(place, kind, code)

    def save(**values: object) -> FollowUpBase:
        return internal_control.update_follow_up(place.user, found, **values)  # type: ignore[arg-type]

    return write_follow_up(
        request,
        response=response,
        body=body,
        vocabulary=found.committee_year.control_statuses,
        save=save,
        current=lambda: _item_follow_up(place, found),
    )
