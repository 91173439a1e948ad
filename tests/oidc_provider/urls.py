"""The test provider's addresses: OAuth 2 and OpenID Connect under /o/, and a login page."""

from django.contrib.auth import views as auth
from django.urls import include, path

urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("accounts/login/", auth.LoginView.as_view(), name="login"),
]
