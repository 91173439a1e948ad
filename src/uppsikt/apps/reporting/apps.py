from django.apps import AppConfig


class ReportingConfig(AppConfig):
    """Rapporter."""

    name = "uppsikt.apps.reporting"
    label = "reporting"
    verbose_name = "Rapporter"
    default_auto_field = "django.db.models.BigAutoField"
