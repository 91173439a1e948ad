from django.apps import AppConfig


class NarrativesConfig(AppConfig):
    """Texter."""

    name = "uppsikt.apps.narratives"
    label = "narratives"
    verbose_name = "Texter"
    default_auto_field = "django.db.models.BigAutoField"
