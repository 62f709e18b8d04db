"""State changes owned by accounts/: each one atomic, and recorded against who made it."""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.history import save_with_history

from .policy import Policy

if TYPE_CHECKING:
    from .models import User


@transaction.atomic
def policy_apply_preset(key: str, *, actor: "User" = None) -> Policy:
    """Make one of the shipped presets the policy in force, keeping the one it replaces in
    the policy's history."""
    policy = Policy.objects.select_for_update().order_by("pk").first()
    policy = Policy.from_preset(key, instance=policy)
    # A preset whose route a person could not be given (a post on a meeting's step) is
    # refused here, not when something is first sent along it.
    policy.clean()
    return save_with_history(policy, actor=actor)


@transaction.atomic
def user_sign_out_everywhere(user, *, actor: "User", request=None):
    """End every session a person has, on every computer (a lost laptop, a leaver)."""
    from .security_log import log_event
    from .sessions import end_sessions_of

    if not actor.is_administrator:
        raise PermissionDenied("Only an administrator may sign someone out.")
    user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
    ended = end_sessions_of(user)
    log_event(
        "sign_out_everywhere",
        request=request,
        user=actor,
        target_user_id=user.pk,
        target_username=user.username,
        sessions_ended=ended,
    )
    return ended
