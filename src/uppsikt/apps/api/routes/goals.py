"""Committee goals with their assessments, indicators with their values, and writing both."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Router
from ninja.params.functions import Path as PathParam

from uppsikt.apps.api.errors import ApiError, Conflict, Error, based_on, etag, not_found, sentence
from uppsikt.apps.api.places import Here, here, readable
from uppsikt.apps.api.schemas import (
    AssessmentIn,
    AssessmentOut,
    GoalOut,
    IndicatorOut,
    TargetOut,
    ValueIn,
    ValueOut,
)
from uppsikt.apps.goals import services
from uppsikt.apps.goals.mapping import GOAL_RELATIONS, goal_to_domain
from uppsikt.apps.goals.models import CommitteeGoal, GoalAssessment, Indicator, IndicatorValue
from uppsikt.apps.periods.queries import require_open
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.apps.vocabularies.mapping import scale_to_domain
from uppsikt.domain.access import Action
from uppsikt.domain.formatting import storage_fault
from uppsikt.domain.goals import suggest_assessment
from uppsikt.domain.indicators import Gender

router = Router(tags=["Mål och indikatorer"])
PERIOD = "/committees/{kolada_id}/{committee}/periods/{period}"
WRITE = {400: Error, 403: Error, 404: Error, 409: Conflict, 422: Error, 428: Error}


def plain(value: Decimal | None) -> str | None:
    """A kept number as text, without the column's trailing zeros (`40.5`, `73`)."""
    if value is None:
        return None
    return format(value.normalize(), "f")


def _goals(place: Here) -> QuerySet[CommitteeGoal]:
    return (
        CommitteeGoal.objects.for_user(place.user, Action.VIEW)
        .filter(committee_year=place.year)
        .select_related("committee_year__assessment_scale", "council_goal__perspective")
        .prefetch_related(*GOAL_RELATIONS)
    )


def _goal(place: Here, code: str) -> CommitteeGoal:
    if not readable(code):
        raise not_found()
    found = _goals(place).filter(code=code).first()
    if found is None:
        raise not_found("inget sådant nämndmål")
    return found


def value_out(indicator: Indicator, row: IndicatorValue) -> ValueOut:
    """A value as the API gives it."""
    return ValueOut(
        indicator=indicator.code,
        year=row.year,
        gender=row.gender,
        value=plain(row.value),
        source=row.source,
        fetched=row.fetched,
        version=row.version,
    )


def _target(
    comparator: str, value: Decimal | None, year: int | None, note: str
) -> TargetOut | None:
    if not comparator and value is None:
        return None
    return TargetOut(comparator=comparator, value=plain(value), year=year, note=note)


def indicator_out(row: Indicator) -> IndicatorOut:
    """An indicator with its targets and values (read with them)."""
    return IndicatorOut(
        code=row.code,
        name=row.name,
        goal=row.goal.code,
        unit=row.unit,
        decimals=row.decimals,
        polarity=row.polarity,
        source_kind=row.source_kind,
        source_reference=row.source_reference,
        milestone=_target(
            row.milestone_comparator, row.milestone_value, row.milestone_year, row.milestone_note
        ),
        long_term=_target(
            row.long_term_comparator, row.long_term_value, row.long_term_year, row.long_term_note
        ),
        values=[value_out(row, value) for value in row.values.all()],
    )


def _assessment_out(place: Here, goal: CommitteeGoal, suggested: str | None) -> AssessmentOut:
    row = (
        GoalAssessment.objects.filter(goal=goal, period=place.period)
        .select_related("level")
        .first()
    )
    level = row.level if row is not None else None
    return AssessmentOut(
        goal=goal.code,
        period=str(place.key),
        level=level.code if level else None,
        label=level.label if level else None,
        comment=row.comment if row is not None else "",
        suggested=suggested,
        version=row.version if row is not None else 0,
    )


def _suggested(goal: CommitteeGoal) -> str | None:
    scale = scale_to_domain(goal.committee_year.assessment_scale)
    level = suggest_assessment(goal_to_domain(goal), scale)
    return level.code if level else None


def _goal_out(place: Here, goal: CommitteeGoal) -> GoalOut:
    return GoalOut(
        code=goal.code,
        name=goal.name,
        perspective=goal.council_goal.perspective.name,
        council_goal=goal.council_goal.code,
        council_goal_name=goal.council_goal.name,
        assessment=_assessment_out(place, goal, _suggested(goal)),
        indicators=[indicator_out(item) for item in goal.indicators.all()],
    )


@router.get(f"{PERIOD}/goals", response={200: list[GoalOut], 404: Error}, summary="Nämndmålen")
def goals(request: HttpRequest, *, kolada_id: str, committee: str, period: str) -> list[GoalOut]:
    """The committee's goals with their assessment for the period and their indicators."""
    place = here(request, kolada_id, committee, period)
    return [_goal_out(place, goal) for goal in _goals(place)]


@router.get(f"{PERIOD}/goals/{{code}}", response={200: GoalOut, 404: Error}, summary="Ett mål")
def goal(
    request: HttpRequest, *, kolada_id: str, committee: str, period: str, code: str
) -> GoalOut:
    """A committee goal with its assessment for the period and its indicators."""
    place = here(request, kolada_id, committee, period)
    return _goal_out(place, _goal(place, code))


@router.get(
    f"{PERIOD}/goals/{{code}}/assessment",
    response={200: AssessmentOut, 404: Error},
    summary="Ett måls bedömning",
)
def assessment(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
) -> AssessmentOut:
    """The goal's assessment for the period, with its version as ETag."""
    place = here(request, kolada_id, committee, period)
    item = _goal(place, code)
    found = _assessment_out(place, item, _suggested(item))
    response["ETag"] = etag(found.version)
    return found


@router.put(
    f"{PERIOD}/goals/{{code}}/assessment",
    response={200: AssessmentOut, **WRITE},
    summary="Bedöm ett mål",
)
def assess(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
    body: AssessmentIn,
) -> AssessmentOut:
    """Set the goal's level (a code of the committee's scale, or null) and comment."""
    place = here(request, kolada_id, committee, period)
    item = _goal(place, code)
    version = based_on(request, body.version)
    level = None
    if body.level:
        scale = item.committee_year.assessment_scale
        level = scale.levels.filter(code=body.level).first()
        if level is None:
            codes = ", ".join(scale.levels.values_list("code", flat=True))
            raise ApiError(400, f"Okänd nivå '{body.level}'; välj bland {codes}", "level")
    try:
        services.assess(
            place.user, item, place.period, level=level, comment=body.comment, version=version
        )
    except ValueError as error:
        raise ApiError(400, sentence(str(error)), "level") from error
    except StaleVersionError as error:
        current = _assessment_out(place, item, _suggested(item))
        message = "Någon annan har ändrat bedömningen sedan den version du utgick från"
        raise ApiError(409, message, "version", current=current) from error
    saved = _assessment_out(place, item, _suggested(item))
    response["ETag"] = etag(saved.version)
    return saved


# Indicators


def _indicators(place: Here) -> QuerySet[Indicator]:
    goals = CommitteeGoal.objects.for_user(place.user, Action.VIEW).filter(
        committee_year=place.year
    )
    return (
        Indicator.objects.filter(goal__in=goals)
        .select_related("goal__committee_year")
        .prefetch_related("values")
        .order_by("goal__position", "goal__pk", "position", "pk")
    )


def _indicator(place: Here, code: str) -> Indicator:
    if not readable(code):
        raise not_found()
    found = _indicators(place).filter(code=code).first()
    if found is None:
        raise not_found("ingen sådan indikator")
    return found


@router.get(
    f"{PERIOD}/indicators", response={200: list[IndicatorOut], 404: Error}, summary="Indikatorerna"
)
def indicators(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> list[IndicatorOut]:
    """Every indicator of the committee's goals, with its targets and values."""
    place = here(request, kolada_id, committee, period)
    return [indicator_out(item) for item in _indicators(place)]


@router.get(
    f"{PERIOD}/indicators/{{code}}",
    response={200: IndicatorOut, 404: Error},
    summary="En indikator",
)
def indicator(
    request: HttpRequest, kolada_id: str, committee: str, period: str, code: str
) -> IndicatorOut:
    """An indicator with its targets and values."""
    place = here(request, kolada_id, committee, period)
    return indicator_out(_indicator(place, code))


Year = Annotated[int, PathParam(ge=1900, le=2200, description="året värdet gäller")]
GenderCode = Annotated[
    str, PathParam(pattern="^[TKM]$", description="T (totalt), K (kvinnor) eller M (män)")
]


def _value(indicator: Indicator, year: int, gender: str) -> ValueOut:
    row = IndicatorValue.objects.filter(indicator=indicator, year=year, gender=gender).first()
    if row is None:
        return ValueOut(
            indicator=indicator.code,
            year=year,
            gender=gender,
            value=None,
            source="",
            fetched=None,
            version=0,
        )
    return value_out(indicator, row)


@router.get(
    f"{PERIOD}/indicators/{{code}}/values/{{year}}/{{gender}}",
    response={200: ValueOut, 404: Error, 422: Error},
    summary="Ett indikatorvärde",
)
def value(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
    year: Year,
    gender: GenderCode,
) -> ValueOut:
    """The indicator's value for a year and gender (version 0: none yet), version as ETag."""
    place = here(request, kolada_id, committee, period)
    found = _value(_indicator(place, code), year, gender)
    response["ETag"] = etag(found.version)
    return found


@router.put(
    f"{PERIOD}/indicators/{{code}}/values/{{year}}/{{gender}}",
    response={200: ValueOut, **WRITE},
    summary="Sätt ett indikatorvärde",
)
def set_value(
    request: HttpRequest,
    *,
    response: HttpResponse,
    kolada_id: str,
    committee: str,
    period: str,
    code: str,
    body: ValueIn,
    year: Year,
    gender: GenderCode,
) -> ValueOut:
    """Set the indicator's value for a year and gender (the committee's controller)."""
    place = here(request, kolada_id, committee, period)
    item = _indicator(place, code)
    version = based_on(request, body.version)
    if not services.may_set_values(place.user, item):
        raise ApiError(403, "Du får inte ändra indikatorns värden")
    if body.value is not None:
        fault = storage_fault(body.value)
        if fault:
            raise ApiError(400, sentence(fault), "value")
    try:
        require_open(place.year, place.period)  # as every write at a period's address
        saved = services.set_indicator_value(
            item,
            year,
            Gender(gender),
            body.value,
            version=version,
            by=place.user,
            source=body.source.strip(),
            fetched=body.fetched,
        )
    except StaleVersionError as error:
        message = "Någon annan har ändrat värdet sedan den version du utgick från"
        raise ApiError(409, message, "version", current=_value(item, year, gender)) from error
    response["ETag"] = etag(saved.version)
    return value_out(item, saved)
