from django.apps import AppConfig


class ApprovalsConfig(AppConfig):
    """The route engine: anything that needs sign-off travels a route of the policy's
    steps, each decided once (P3-P7)."""

    name = "approvals"
    verbose_name = "Approvals"
