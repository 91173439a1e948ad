"""The site's URLs: wiring only."""

from allauth.account import views as account
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path

from uppsikt.apps.api.site import api
from uppsikt.web.accounts import not_offered

# The admin's own sign-in form would pass by the limits on failed sign-ins and two-step
# verification: it sends people to Uppsikt's sign-in instead.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("uppsikt.apps.overview.urls")),
    path("", include("uppsikt.apps.reporting.urls")),
    path("", include("uppsikt.apps.assignments.urls")),
    path("", include("uppsikt.apps.goals.urls")),
    path("", include("uppsikt.apps.economy.urls")),
    path("", include("uppsikt.apps.narratives.urls")),
    path("", include("uppsikt.apps.periods.urls")),
    path("", include("uppsikt.apps.datasets.urls")),
    path("", include("uppsikt.apps.internal_control.urls")),
    path("", include("uppsikt.apps.api.urls")),
    path("api/", api.urls),
    # No one sets or resets a password themselves: an administrator creates local accounts, and
    # a person signed in through the municipality's provider must not give themselves a local
    # password that outlives their account there.
    re_path(r"^konto/password/(set|reset)/", not_offered),
    path("konto/", include("allauth.urls")),
    # Swedish addresses for the pages everyone meets; named last, so that links use them.
    path("konto/logga-in/", account.login, name="account_login"),
    path("konto/logga-ut/", account.logout, name="account_logout"),
    path("admin/", admin.site.urls),
]

# A database that does not answer gets a 503 page in Swedish, other errors Django's 500.
handler500 = "uppsikt.web.unavailable.server_error"
