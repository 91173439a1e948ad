from django.apps import AppConfig


class PersonnelConfig(AppConfig):
    """Personal."""

    name = "uppsikt.apps.personnel"
    label = "personnel"
    verbose_name = "Personal"
    default_auto_field = "django.db.models.BigAutoField"
