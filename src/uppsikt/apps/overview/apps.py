from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """Översikt."""

    name = "uppsikt.apps.overview"
    label = "overview"
    verbose_name = "Översikt"
    default_auto_field = "django.db.models.BigAutoField"
