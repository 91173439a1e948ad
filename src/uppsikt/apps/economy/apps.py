from django.apps import AppConfig


class EconomyConfig(AppConfig):
    """Ekonomi."""

    name = "uppsikt.apps.economy"
    label = "economy"
    verbose_name = "Ekonomi"
    default_auto_field = "django.db.models.BigAutoField"
