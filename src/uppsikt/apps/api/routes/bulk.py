"""Indicator values in bulk, as lines `date;unit;measure;column;value` (see docs/api.md).

Every line is read and checked against the committee first; any fault answers 400 with every
fault by line and field, and nothing is written. Otherwise all values are written in one
transaction.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field as SchemaField
from ninja import Query, Router, Schema

from uppsikt.apps.api.errors import ApiError, Error, FieldError, not_found, sentence
from uppsikt.apps.api.places import readable, user_of
from uppsikt.apps.api.schemas import BulkResult
from uppsikt.apps.goals.models import Indicator, IndicatorValue
from uppsikt.apps.goals.services import set_indicator_value
from uppsikt.apps.periods.models import CommitteeYear
from uppsikt.apps.periods.queries import PeriodClosedError, controls
from uppsikt.apps.tracking import StaleVersionError
from uppsikt.domain.access import Action
from uppsikt.domain.indicators import SourceKind
from uppsikt.domain.problems import Location, Problem
from uppsikt.importers.indicator_lines.parse import ValueLine, parse_lines

router = Router(tags=["Mål och indikatorer"])
BODY = {
    "required": True,
    "content": {
        "text/plain": {
            "schema": {"type": "string"},
            "example": "date;unit;measure;column;value\n2023;0126;N00945;T;40,5\n",
        }
    },
}


class BulkOptions(Schema):
    """Where the values come from, and when they were taken from there."""

    source: str = SchemaField(
        default="API", max_length=100, pattern=r"^[^\x00]*$", description="källan, t.ex. Kolada"
    )
    fetched: date | None = SchemaField(
        default=None, description="när värdena hämtades från källan; utan: i dag"
    )


def _faults(problems: list[Problem]) -> list[FieldError]:
    return [
        FieldError(field=item.location.field, message=item.message, line=item.location.line)
        for item in problems
    ]


def _matched(
    values: list[ValueLine], years: dict[int, CommitteeYear], units: set[str]
) -> tuple[list[tuple[ValueLine, list[Indicator]]], list[Problem]]:
    """Each line with the indicators its measure names, or the line's faults."""
    by_year: dict[int, list[Indicator]] = {}
    found = []
    problems = []
    given: dict[tuple[int, int, str], int] = {}  # each value named, and the line naming it
    for line in values:

        def fault(field: str, message: str, line: ValueLine = line) -> None:
            problems.append(Problem(Location("raderna", line.line, field), message))

        year = years.get(line.year)
        if year is None:
            fault("date", f"nämnden har inget år {line.year} i Uppsikt")
            continue
        if line.unit not in units:
            fault("unit", f"'{line.unit}' är varken kommunens Kolada-id eller nämndens kod")
            continue
        if line.year not in by_year:
            by_year[line.year] = list(Indicator.objects.filter(goal__committee_year=year))
        matches = [
            item
            for item in by_year[line.year]
            if item.code == line.measure
            or (
                item.source_kind == SourceKind.KOLADA.value
                and item.source_reference == line.measure
            )
        ]
        if not matches:
            fault("measure", f"nämnden har ingen indikator med kod eller Kolada-id {line.measure}")
            continue
        for item in matches:  # one value named twice, by code and by KPI id, say
            first = given.setdefault((item.pk, line.year, line.gender.value), line.line)
            if first != line.line:
                fault("measure", f"samma värde för {item.code} som på rad {first}")
        found.append((line, matches))
    return found, problems


@router.post(
    "/committees/{kolada_id}/{committee}/indicator-values",
    response={
        200: BulkResult,
        400: Error,
        403: Error,
        404: Error,
        409: Error,
        413: Error,
        422: Error,
    },
    openapi_extra={"requestBody": BODY},
    summary="Indikatorvärden i klump",
)
def bulk_values(
    request: HttpRequest, kolada_id: str, committee: str, options: Query[BulkOptions]
) -> BulkResult:
    """Write indicator values sent as lines `date;unit;measure;column;value` (text/plain).

    All or nothing: any fault in any line answers 400, naming each line and field.
    """
    user = user_of(request)
    if not readable(kolada_id, committee):
        raise not_found()
    visible = CommitteeYear.objects.for_user(user, Action.VIEW).filter(
        committee__municipality__kolada_id=kolada_id, committee__code=committee
    )
    years = {row.year.year: row for row in visible.select_related("year", "committee")}
    if not years:
        raise not_found("ingen sådan nämnd, eller så får du inte se den")
    if not any(controls(user, year) for year in years.values()):
        raise ApiError(403, "Du får inte ändra nämndens indikatorvärden")
    text = _text(request)
    values, problems = parse_lines(text)
    matched, more = _matched(values, years, {kolada_id, committee})
    problems += more
    if problems:
        problems.sort(key=lambda item: item.location.line or 0)
        raise ApiError(
            400,
            f"{len(problems)} fel i raderna; inget är sparat",
            errors=_faults(problems),
        )
    denied = sorted({line.year for line, _ in matched if not controls(user, years[line.year])})
    if denied:
        named = ", ".join(str(year) for year in denied)
        raise ApiError(403, f"Du får inte ändra nämndens indikatorvärden för {named}")
    fetched = options.fetched or timezone.localdate()
    source = options.source.strip()
    written = unchanged = 0
    try:
        with transaction.atomic():
            for line, indicators in matched:
                for indicator in indicators:
                    row = (
                        IndicatorValue.objects.select_for_update()
                        .filter(indicator=indicator, year=line.year, gender=line.gender.value)
                        .first()
                    )
                    if row is not None and row.value == line.value and row.source == source:
                        unchanged += 1
                        continue
                    set_indicator_value(
                        indicator,
                        line.year,
                        line.gender,
                        line.value,
                        version=row.version if row is not None else 0,
                        by=user,
                        source=source,
                        fetched=fetched,
                    )
                    written += 1
    except PeriodClosedError as error:
        raise ApiError(403, sentence(f"{error}; inget är sparat"), "date") from error
    except StaleVersionError as error:
        raise ApiError(
            409, "Någon annan ändrade ett av värdena samtidigt; inget är sparat"
        ) from error
    return BulkResult(lines=len(values), written=written, unchanged=unchanged)


def _text(request: HttpRequest) -> str:
    """The request's body as text: 413 above the size limit, 400 when it is not UTF-8."""
    limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # 10 MB; read now, as Django reads it
    too_big = f"Högst {limit} byte i en sändning"
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > limit:
        raise ApiError(413, too_big, "body")
    try:
        body = request.body
    except RequestDataTooBig as error:
        raise ApiError(413, too_big, "body") from error
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"Raderna är inte UTF-8 (byte {error.start})", "body") from error
