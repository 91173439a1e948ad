from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """Kontroller."""

    name = "uppsikt.apps.checks"
    label = "checks"
    verbose_name = "Kontroller"
    default_auto_field = "django.db.models.BigAutoField"
