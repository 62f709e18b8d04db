from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """UK GDPR: the retention schedule and subject-access requests, across the register."""

    name = "privacy"
    verbose_name = "Data protection"
