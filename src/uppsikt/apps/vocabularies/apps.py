from django.apps import AppConfig


class VocabulariesConfig(AppConfig):
    """Statuslistor och skalor."""

    name = "uppsikt.apps.vocabularies"
    label = "vocabularies"
    verbose_name = "Statuslistor och skalor"
    default_auto_field = "django.db.models.BigAutoField"
