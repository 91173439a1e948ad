from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    """Dataset."""

    name = "uppsikt.apps.datasets"
    label = "datasets"
    verbose_name = "Dataset"
    default_auto_field = "django.db.models.BigAutoField"
