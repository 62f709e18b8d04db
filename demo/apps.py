from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo register for each council, across every app."""

    name = "demo"
    verbose_name = "Demo data"
