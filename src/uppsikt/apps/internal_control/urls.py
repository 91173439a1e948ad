"""Internal-control URLs: one page per risk action, audit action and control."""

from django.urls import path

from uppsikt.apps.internal_control import views

PERIOD = "kommun/<str:kolada_id>/<str:committee>/<str:period>/"

app_name = "internal_control"
urlpatterns = [
    # kind: riskatgard, granskningsatgard or kontroll (queries.KINDS)
    path(f"{PERIOD}internkontroll/<slug:kind>/<str:code>/", views.item, name="item"),
]
