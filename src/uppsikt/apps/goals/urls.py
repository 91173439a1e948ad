"""Goal URLs: one page per committee goal and period."""

from django.urls import path

from uppsikt.apps.goals import views

app_name = "goals"
urlpatterns = [
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/mal/<str:code>/",
        views.goal,
        name="goal",
    ),
]
