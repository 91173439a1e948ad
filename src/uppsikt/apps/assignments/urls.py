"""Assignment URLs."""

from django.urls import path

from uppsikt.apps.assignments import views

app_name = "assignments"
urlpatterns = [
    path("mina-uppgifter/", views.tasks, name="tasks"),
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/uppdrag/<str:code>/",
        views.assignment,
        name="assignment",
    ),
]
