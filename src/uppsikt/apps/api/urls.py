"""The page where people make and revoke their API tokens."""

from django.urls import path

from uppsikt.apps.api import views

app_name = "api_tokens"
urlpatterns = [
    path("konto/nycklar/", views.tokens, name="tokens"),
    path("konto/nycklar/<int:pk>/aterkalla/", views.revoke, name="revoke"),
]
