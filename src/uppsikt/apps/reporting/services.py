"""The committee's report: built and rendered from the database, taken to the lock, frozen."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from uppsikt.apps.datasets.services import context_of, dataset_from_db
from uppsikt.apps.narratives.models import Narrative
from uppsikt.apps.periods.models import CommitteePeriod, CommitteeYear, Year
from uppsikt.apps.reporting.models import FrozenReport
from uppsikt.apps.restricted import User
from uppsikt.apps.tracking import change_reason, save_if_current
from uppsikt.domain.access import Action
from uppsikt.domain.periods import PeriodKey, PeriodState, can_transition
from uppsikt.domain.workflow import STEP_NAMES, Step
from uppsikt.reports.build import build_report
from uppsikt.reports.document import ReportDocument, to_json
from uppsikt.reports.render.docx import render_docx
from uppsikt.reports.render.html import render_html
from uppsikt.reports.render.pdf import render_pdf

FORMATS = ("pdf", "docx", "html", "json")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
}


def report_document(year: Year, committee: str, period: PeriodKey) -> ReportDocument:
    """The committee's report for the period, built from the database."""
    dataset = dataset_from_db(year, (committee,))
    return build_report(dataset, context_of(dataset, year, committee, period))


def render(document: ReportDocument, format_: str, docx_template: Path | None = None) -> bytes:
    """The document in one format."""
    if format_ == "pdf":
        return render_pdf(document)
    if format_ == "docx":
        return render_docx(document, docx_template)
    if format_ == "html":
        return render_html(document).encode("utf-8")
    if format_ == "json":
        return to_json(document).encode("utf-8")
    raise ValueError(f"okänt format {format_}; välj bland {', '.join(FORMATS)}")


FROZEN_FORMATS = ("pdf", "docx", "html", "json")


def freeze(committee_period: CommitteePeriod, user: User | None) -> list[FrozenReport]:
    """Store the report in every format as it is now, as the period's next edition."""
    committee_year = committee_period.committee_year
    document = report_document(
        committee_year.year, committee_year.committee.code, committee_period.period.key
    )
    last = committee_period.frozen_reports.aggregate(last=Max("edition"))["last"] or 0
    moment = timezone.now()
    frozen_by = user.pk if user is not None and user.is_authenticated else None
    return [
        FrozenReport.objects.create(
            committee_period=committee_period,
            edition=last + 1,
            format=format_,
            content=content,
            sha256=hashlib.sha256(content).hexdigest(),
            frozen_at=moment,
            frozen_by_id=frozen_by,
        )
        for format_ in FROZEN_FORMATS
        for content in [render(document, format_)]
    ]


def frozen_report(committee_period: CommitteePeriod, format_: str) -> FrozenReport:
    """The latest frozen edition of a locked period's report.

    A period that was loaded as locked, and so never frozen, is frozen now.
    """
    found = committee_period.frozen_reports.filter(format=format_).order_by("-edition").first()
    if found is None:
        with transaction.atomic():
            found = next(item for item in freeze(committee_period, None) if item.format == format_)
    return found


def may(user: User, action: Action, committee_period: CommitteePeriod) -> bool:
    """Whether `user` may do `action` on the committee's period."""
    years = CommitteeYear.objects.filter(pk=committee_period.committee_year_id)
    return years.for_user(user, action).exists()


def take_step(
    user: User,
    committee_period: CommitteePeriod,
    target: PeriodState,
    *,
    version: int,
    decision_date: date | None = None,
    paragraph: str = "",
    case_reference: str = "",
    reason: str = "",
) -> CommitteePeriod:
    """Move the period to `target`; locking freezes the report in every format.

    Raises StepError (a step not allowed, or without its facts), PermissionDenied, or
    StaleVersionError when someone else moved or changed the period since `version`.
    """
    current = PeriodState(committee_period.state)
    drafts = Narrative.objects.filter(
        committee_year=committee_period.committee_year_id,
        period=committee_period.period_id,
        draft=True,
    ).values_list("title", flat=True)
    step = Step(current, target, decision_date, reason, tuple(drafts))
    # Every step is the controller's at least; the lock's reopening the administrator's.
    needed = step.action if can_transition(current, target) else Action.CONTROL
    if not may(user, Action.CONTROL, committee_period) or not may(user, needed, committee_period):
        raise PermissionDenied("du får inte ta det här steget för perioden")
    step.check()
    changes: dict[str, object] = {"state": target.value}
    if target is PeriodState.APPROVED:
        changes |= {
            "decision_date": decision_date,
            "decision_paragraph": paragraph.strip(),
            "case_reference": case_reference.strip(),
        }
    name = STEP_NAMES[(current, target)]
    with transaction.atomic(), change_reason(f"{name}: {reason.strip()}" if reason else name):
        saved = save_if_current(committee_period, version, **changes)
        if target is PeriodState.LOCKED:
            freeze(saved, user)
    return saved
