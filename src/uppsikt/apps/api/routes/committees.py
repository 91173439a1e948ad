"""Committees, their years and periods, the checks' findings and the report."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router

from uppsikt.apps.api.errors import ApiError, Error, not_found
from uppsikt.apps.api.places import here, readable, user_of
from uppsikt.apps.api.schemas import (
    CommitteeOut,
    FindingOut,
    PeriodDetail,
    PeriodOut,
    ReportOut,
    YearOut,
)
from uppsikt.apps.datasets.services import committee_context
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear
from uppsikt.apps.reporting import services as reporting
from uppsikt.apps.restricted import User
from uppsikt.domain.access import Action
from uppsikt.domain.checks import run_checks
from uppsikt.domain.periods import PeriodState
from uppsikt.reports.build import ReportError

router = Router(tags=["Nämnder och perioder"])
PERIOD = "/committees/{kolada_id}/{committee}/periods/{period}"


def _period_url(year: CommitteeYear, key: str) -> str:
    committee = year.committee
    return f"/api/committees/{committee.municipality.kolada_id}/{committee.code}/periods/{key}"


def _committees(user: User, **where: Any) -> list[CommitteeOut]:
    years = (
        CommitteeYear.objects.for_user(user, Action.VIEW)
        .filter(**where)
        .select_related("committee__municipality", "year")
        .prefetch_related("year__periods")
        .order_by("committee__municipality__name", "committee__position", "year__year")
    )
    rows = CommitteePeriod.objects.filter(committee_year__in=years)
    states = {
        (year, period): state
        for year, period, state in rows.values_list("committee_year_id", "period_id", "state")
    }
    found: dict[int, CommitteeOut] = {}
    for year in years:
        committee = year.committee
        entry = found.setdefault(
            committee.pk,
            CommitteeOut(
                municipality=committee.municipality.kolada_id,
                municipality_name=committee.municipality.name,
                code=committee.code,
                name=committee.name,
                years=[],
            ),
        )
        periods = [
            PeriodOut(
                key=str(period.key),
                name=period.name,
                closing_date=period.closing_date,
                state=states.get((year.pk, period.pk), PeriodState.OPEN.value),
                url=_period_url(year, str(period.key)),
            )
            for period in sorted(year.year.periods.all(), key=lambda item: item.closing_date)
        ]
        entry.years.append(YearOut(year=year.year.year, periods=periods))
    return list(found.values())


@router.get("/committees", response=list[CommitteeOut], summary="Nämnderna du får se")
def committees(request: HttpRequest) -> list[CommitteeOut]:
    """Every committee the token's person may see, with its years and periods."""
    return _committees(user_of(request))


@router.get(
    "/committees/{kolada_id}/{committee}",
    response={200: CommitteeOut, 404: Error},
    summary="En nämnd",
)
def committee(request: HttpRequest, *, kolada_id: str, committee: str) -> CommitteeOut:
    """A committee with its years and periods."""
    if not readable(kolada_id, committee):
        raise not_found()
    found = _committees(
        user_of(request),
        committee__municipality__kolada_id=kolada_id,
        committee__code=committee,
    )
    if not found:
        raise not_found("ingen sådan nämnd, eller så får du inte se den")
    return found[0]


@router.get(PERIOD, response={200: PeriodDetail, 404: Error}, summary="En nämnds period")
def period(request: HttpRequest, *, kolada_id: str, committee: str, period: str) -> PeriodDetail:
    """The committee's period: its state, and the addresses of its parts."""
    place = here(request, kolada_id, committee, period)
    parts = ("goals", "indicators", "assignments", "internal-control", "economy", "findings")
    links = {part: place.url(part) for part in parts}
    links["report"] = place.url("report")
    return PeriodDetail(
        committee=place.committee,
        committee_name=place.year.committee.name,
        period=PeriodOut(
            key=str(place.key),
            name=place.period.name,
            closing_date=place.period.closing_date,
            state=place.state.value,
            url=place.url(),
        ),
        may_control=place.controls,
        links=links,
    )


@router.get(
    f"{PERIOD}/findings",
    response={200: list[FindingOut], 404: Error},
    summary="Kontrollernas fynd",
)
def findings(
    request: HttpRequest, *, kolada_id: str, committee: str, period: str
) -> list[FindingOut]:
    """Every finding of the checks on the committee's period, as `uppsikt check` lists them."""
    place = here(request, kolada_id, committee, period)
    context = committee_context(place.year.year, committee, place.key)
    return [FindingOut(**item.as_dict()) for item in run_checks(context)]


@router.get(
    f"{PERIOD}/report",
    response={200: ReportOut, 404: Error, 409: Error},
    summary="Rapporten som dokument",
)
def report(request: HttpRequest, *, kolada_id: str, committee: str, period: str) -> ReportOut:
    """The report's document (JSON); a locked period's is the edition frozen at the lock.

    The rendered files are the web pages' (`links`), read signed in to the web.
    """
    place = here(request, kolada_id, committee, period)
    key = str(place.key)
    links = {
        format_: reverse("reporting:report", args=[kolada_id, committee, key, format_])
        for format_ in ("html", "pdf", "docx")
    }
    committee_period = CommitteePeriod.objects.filter(
        committee_year=place.year, period=place.period
    ).first()
    if committee_period is not None and committee_period.state == PeriodState.LOCKED.value:
        frozen = reporting.frozen_report(committee_period, "json")
        document = json.loads(bytes(frozen.content).decode("utf-8"))
        return ReportOut(frozen=True, sha256=frozen.sha256, links=links, document=document)
    try:
        built = reporting.report_document(place.year.year, committee, place.key)
    except ReportError as error:
        raise ApiError(409, str(error), "report") from error
    document = json.loads(reporting.render(built, "json"))
    return ReportOut(frozen=False, sha256=None, links=links, document=document)
