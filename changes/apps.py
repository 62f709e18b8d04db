from django.apps import AppConfig


class ChangesConfig(AppConfig):
    """A lead officer's significant change to an active partnership, held for the register
    keeper (R13)."""

    name = "changes"
    verbose_name = "Significant changes"
