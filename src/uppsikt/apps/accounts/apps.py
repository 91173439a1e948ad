from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Konton: what keeps signing in safe across the servers (the shared cache's table)."""

    name = "uppsikt.apps.accounts"
    label = "accounts"
    verbose_name = "Konton"
    default_auto_field = "django.db.models.BigAutoField"
