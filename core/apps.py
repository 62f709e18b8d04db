from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The lowest layer: helpers every app uses (GOV.UK forms, paging, notifications, PDFs,
    history-aware saves). It holds no business rules and no models."""

    name = "core"
    verbose_name = "Core"
