"""Overview URLs."""

from django.urls import path

from uppsikt.apps.overview import views

app_name = "overview"
urlpatterns = [
    path("", views.home, name="home"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/",
        views.committee_period,
        name="committee_period",
    ),
]
