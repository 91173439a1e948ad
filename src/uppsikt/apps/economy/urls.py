"""Economy URLs."""

from django.urls import path

from uppsikt.apps.economy import views

app_name = "economy"
urlpatterns = [
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/ekonomi/<str:key>/",
        views.table,
        name="table",
    ),
]
