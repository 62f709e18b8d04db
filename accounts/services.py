"""State changes owned by accounts/: each one atomic, and recorded against who made it."""

from django.db import transaction

from core.history import save_with_history

from .policy import Policy


@transaction.atomic
def policy_apply_preset(key: str, *, actor=None) -> Policy:
    """Make one of the shipped presets the policy in force, keeping the one it replaces in
    the policy's history."""
    policy = Policy.objects.select_for_update().order_by("pk").first()
    policy = Policy.from_preset(key, instance=policy)
    return save_with_history(policy, actor=actor)
