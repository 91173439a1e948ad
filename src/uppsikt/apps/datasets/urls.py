"""Dataset URLs: the upload page of a committee's period."""

from django.urls import path

from uppsikt.apps.datasets import views

app_name = "datasets"
urlpatterns = [
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/importera/",
        views.imports,
        name="imports",
    ),
]
