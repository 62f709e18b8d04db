from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """The top layer: backing up the register and its documents, and restoring them."""

    name = "operations"
    verbose_name = "Operations"
