from django.apps import AppConfig


class GoalsConfig(AppConfig):
    """Mål och indikatorer."""

    name = "uppsikt.apps.goals"
    label = "goals"
    verbose_name = "Mål och indikatorer"
    default_auto_field = "django.db.models.BigAutoField"
