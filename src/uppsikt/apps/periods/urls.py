"""Period URLs."""

from django.urls import path

from uppsikt.apps.periods import views

app_name = "periods"
urlpatterns = [
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/nasta-period/",
        views.next_period,
        name="next_period",
    ),
]
