from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    """Proposing a partnership with its checklists (P1, P2)."""

    name = "proposals"
    verbose_name = "Proposals"
