from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The lowest layer: helpers every app uses (GOV.UK forms, paging, notifications, PDFs,
    history-aware saves). It holds no business rules and no models."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from .text import install_text_check

        install_text_check()
