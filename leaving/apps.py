from django.apps import AppConfig


class LeavingConfig(AppConfig):
    """Withdrawal and cessation (V7)."""

    name = "leaving"
    verbose_name = "Leaving a partnership"
