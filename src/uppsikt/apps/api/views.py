"""The page where a signed-in person makes, lists and revokes their own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from uppsikt.apps.api import tokens as service
from uppsikt.apps.api.forms import TokenForm
from uppsikt.apps.api.mapping import token_to_domain
from uppsikt.apps.api.models import AccessToken


def _page(
    request: HttpRequest, form: TokenForm, secret: str = "", status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    rows = [(row, token_to_domain(row).state(today)) for row in service.tokens_of(request.user)]  # type: ignore[arg-type]
    context = {"form": form, "rows": rows, "secret": secret}
    response = render(request, "api/tokens.html", context, status=status)
    if secret:  # shown this once: no copy may stay in a cache
        response["Cache-Control"] = "no-store"
    return response


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """List the person's tokens; a new one is made with the form and its secret shown once."""
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        made = service.create_token(
            request.user,  # type: ignore[arg-type]  # login_required: a signed-in person
            form.cleaned_data["name"],
            now=timezone.now(),
            expires=form.cleaned_data["expires"],
        )
    except service.TokenError as error:
        message = str(error)
        field = "expires" if "giltighet" in message else "name"
        form.add_error(field, message[:1].upper() + message[1:] + ".")
        return _page(request, form, status=400)
    return _page(request, TokenForm(), secret=made.secret)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the person's own tokens (another's is not found)."""
    found = AccessToken.objects.filter(pk=pk, user=request.user.pk).first()
    if found is None:
        raise Http404("ingen sådan nyckel")
    service.revoke(found, now=timezone.now())
    messages.success(request, f"Nyckeln {found.name} är återkallad och kan inte användas längre.")
    return redirect("api_tokens:tokens")
