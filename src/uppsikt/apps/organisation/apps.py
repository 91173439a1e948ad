from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    """Organisation."""

    name = "uppsikt.apps.organisation"
    label = "organisation"
    verbose_name = "Organisation"
    default_auto_field = "django.db.models.BigAutoField"
