from django.apps import AppConfig


class AssignmentsConfig(AppConfig):
    """Uppdrag."""

    name = "uppsikt.apps.assignments"
    label = "assignments"
    verbose_name = "Uppdrag"
    default_auto_field = "django.db.models.BigAutoField"
