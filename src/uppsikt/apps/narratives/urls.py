"""Narrative URLs: the period's text sections, each one's page, and its live preview."""

from django.urls import path

from uppsikt.apps.narratives import views

PERIOD = "kommun/<str:kolada_id>/<str:committee>/<str:period>/"

app_name = "narratives"
urlpatterns = [
    path(f"{PERIOD}texter/", views.sections, name="sections"),
    path(f"{PERIOD}texter/<slug:key>/", views.section, name="section"),
    path(f"{PERIOD}texter/<slug:key>/forhandsgranska/", views.preview, name="preview"),
]
