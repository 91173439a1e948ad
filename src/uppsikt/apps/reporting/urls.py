"""Report URLs."""

from django.urls import path

from uppsikt.apps.reporting import views

app_name = "reporting"
urlpatterns = [
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/arbetsgang/", views.step, name="step"
    ),
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/rapport/",
        views.report_page,
        name="report_page",
    ),
    path(
        "kommun/<str:kolada_id>/<str:committee>/<str:period>/rapport.<str:format_>",
        views.report,
        name="report",
    ),
]
