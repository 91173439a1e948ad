from django.apps import AppConfig


class InternalControlConfig(AppConfig):
    """Intern kontroll."""

    name = "uppsikt.apps.internal_control"
    label = "internal_control"
    verbose_name = "Intern kontroll"
    default_auto_field = "django.db.models.BigAutoField"
