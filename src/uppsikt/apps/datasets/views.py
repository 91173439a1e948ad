"""Läs in en fil: a controller uploads a file, sees the dry run, then imports it."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from uppsikt.apps.datasets.exchange import ImportRefusedError
from uppsikt.apps.datasets.forms import UploadForm
from uppsikt.apps.datasets.mapping import upload_entry
from uppsikt.apps.datasets.models import Upload, UploadKind, UploadState
from uppsikt.apps.datasets.uploads import (
    UploadRefusedError,
    check_upload,
    megabytes,
    perform_import,
)
from uppsikt.apps.periods.addresses import year_and_period_of
from uppsikt.apps.periods.models import CommitteeYear, ReportingPeriod
from uppsikt.apps.periods.queries import controls
from uppsikt.domain.access import Action
from uppsikt.domain.problems import Problem

SHOWN_PROBLEMS = 50  # a broken file's first problems on the page; the count says the rest
_MULTIPART_SLACK = 64 * 1024  # the form's other fields and the multipart boundaries


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading an upload as soon as it is larger than the limit (before it is all read)."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.exceeded = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        """Pass the chunk on, or stop the upload once the file passes the limit."""
        if start + len(raw_data) > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        """Leave the file to the next handler."""


def _scope(
    request: HttpRequest, kolada_id: str, committee: str, period: str
) -> tuple[CommitteeYear, ReportingPeriod]:
    """The committee's year and period, for its controller; 404 to outsiders, 403 to others."""
    committee_year, found = year_and_period_of(request, kolada_id, committee, period)
    if not controls(request.user, committee_year):
        raise PermissionDenied("bara nämndens controller eller en administratör läser in filer")
    return committee_year, found


@csrf_exempt  # the check is made by `_post`, after the upload handlers are in place
@login_required
def imports(request: HttpRequest, kolada_id: str, committee: str, period: str) -> HttpResponse:
    """The upload form and the earlier uploads (GET); check a file or import a checked one."""
    committee_year, found = _scope(request, kolada_id, committee, period)
    if request.method != "POST":
        return _page(request, committee_year, found, UploadForm())
    limit: int = settings.UPLOAD_MAX_BYTES
    # A body larger than any file taken is refused before a byte of it is read.
    if int(request.META.get("CONTENT_LENGTH") or 0) > limit + _MULTIPART_SLACK:
        return _too_large(request, committee_year, found, limit)
    limiter = LimitedUploadHandler(request, limit)
    request.upload_handlers = [limiter, TemporaryFileUploadHandler(request)]
    return _post(request, committee_year, found, limiter)


@csrf_protect
def _post(
    request: HttpRequest,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    limiter: LimitedUploadHandler,
) -> HttpResponse:
    """Import a checked upload (`importera`), or check and keep a new file."""
    user = cast("User", request.user)
    address = reverse(
        "datasets:imports",
        args=[committee_year.committee.municipality.kolada_id, committee_year.committee.code,
              str(period.key)],
    )  # fmt: skip
    if "importera" in request.POST:
        upload = _upload(request.POST.get("importera", ""), committee_year, period)
        try:
            perform_import(upload, user, now=timezone.now())
        except UploadRefusedError as error:
            messages.error(request, f"{_sentence(str(error))}.")
        except ImportRefusedError as error:
            refused = f"Filen läses inte in: {_count(error.problems)}; inget har skrivits."
            return _page(
                request, committee_year, period, UploadForm(), error.problems,
                shown=upload, import_error=refused,
            )  # fmt: skip
        else:
            messages.success(request, f"{upload.original_name} är inläst.")
        return redirect(f"{address}?fil={upload.pk}")
    if limiter.exceeded:
        return _too_large(request, committee_year, period, limiter.limit)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            upload = check_upload(
                form.cleaned_data["file"],
                UploadKind(form.cleaned_data["kind"]),
                committee_year,
                period,
                user,
                strict=form.cleaned_data["strict"],
                now=timezone.now(),
            )
        except UploadRefusedError as error:
            form.add_error("file", f"{_sentence(str(error))}. Inget har sparats.")
        except ImportRefusedError as error:
            refused = f"Filen läses inte in: {_count(error.problems)}; inget har sparats."
            form.add_error("file", refused)
            return _page(request, committee_year, period, form, error.problems)
        else:
            return redirect(f"{address}?fil={upload.pk}")
    return _page(request, committee_year, period, form)


def _sentence(text: str) -> str:
    """The text with a capital first letter, the rest as it is."""
    return text[:1].upper() + text[1:]


def _count(problems: list[Problem]) -> str:
    """`3 fel eller varningar`."""
    return f"{len(problems)} fel eller varning{'ar' if len(problems) != 1 else ''}"


def _upload(pk: str, committee_year: CommitteeYear, period: ReportingPeriod) -> Upload:
    """The committee period's upload with this id; 404 for any other."""
    found = (
        Upload.objects.filter(committee_year=committee_year, period=period, pk=pk).first()
        if pk.isdigit()
        else None
    )
    if found is None:
        raise Http404("ingen sådan uppladdad fil")
    return found


def _too_large(
    request: HttpRequest, committee_year: CommitteeYear, period: ReportingPeriod, limit: int
) -> HttpResponse:
    """The page with the form refused for a file over the limit (413): nothing was kept."""
    message = f"Filen är större än {megabytes(limit)}, det största som tas emot. Inget har sparats."
    return _page(request, committee_year, period, UploadForm(), too_large=message, status=413)


def _page(
    request: HttpRequest,
    committee_year: CommitteeYear,
    period: ReportingPeriod,
    form: UploadForm,
    problems: list[Problem] | None = None,
    *,
    shown: Upload | None = None,
    import_error: str = "",
    too_large: str = "",
    status: int = 200,
) -> HttpResponse:
    """The page: the upload shown (`?fil=`) with its dry run, the form, the earlier uploads."""
    uploads = (
        Upload.objects.for_user(request.user, Action.CONTROL)
        .filter(committee_year=committee_year, period=period)
        .select_related("uploaded_by", "imported_by")
    )
    if shown is None and request.GET.get("fil"):
        shown = _upload(request.GET["fil"], committee_year, period)
    context: dict[str, Any] = {
        "kolada_id": committee_year.committee.municipality.kolada_id,
        "committee": committee_year.committee,
        "period": period,
        "form": form,
        "too_large": too_large,
        "problems": (problems or [])[:SHOWN_PROBLEMS],
        "more_problems": max(0, len(problems or []) - SHOWN_PROBLEMS),
        "uploads": [upload_entry(row) for row in uploads[:50]],
        "shown": shown,
        "import_error": import_error,
        "checked": UploadState.CHECKED.value,
        "limit": megabytes(settings.UPLOAD_MAX_BYTES),
    }
    return render(request, "datasets/imports.html", context, status=status)
