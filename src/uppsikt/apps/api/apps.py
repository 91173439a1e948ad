from django.apps import AppConfig


class ApiConfig(AppConfig):
    """Uppsikts API och personliga nycklar."""

    name = "uppsikt.apps.api"
    label = "api"
    verbose_name = "API och nycklar"
    default_auto_field = "django.db.models.BigAutoField"
