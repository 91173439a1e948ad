"""The site's URLs: wiring only."""

from allauth.account import views as account
from django.contrib import admin
from django.urls import include, path

from uppsikt.apps.api.site import api

urlpatterns = [
    path("", include("uppsikt.apps.overview.urls")),
    path("", include("uppsikt.apps.reporting.urls")),
    path("", include("uppsikt.apps.assignments.urls")),
    path("", include("uppsikt.apps.goals.urls")),
    path("", include("uppsikt.apps.economy.urls")),
    path("", include("uppsikt.apps.narratives.urls")),
    path("", include("uppsikt.apps.periods.urls")),
    path("", include("uppsikt.apps.internal_control.urls")),
    path("", include("uppsikt.apps.api.urls")),
    path("api/", api.urls),
    path("konto/", include("allauth.urls")),
    # Swedish addresses for the pages everyone meets; named last, so that links use them.
    path("konto/logga-in/", account.login, name="account_login"),
    path("konto/logga-ut/", account.logout, name="account_logout"),
    path("admin/", admin.site.urls),
]
