from django.apps import AppConfig


class PeriodsConfig(AppConfig):
    """År och perioder."""

    name = "uppsikt.apps.periods"
    label = "periods"
    verbose_name = "År och perioder"
    default_auto_field = "django.db.models.BigAutoField"
