"""Who may see and change spot checks (V6). Every view asks here; nothing else decides.

Internal audit reads everything and changes nothing but its own audit records: an auditor
changes only the spot checks they drew, and only until they complete them. The register
keeper and SMT, for whom the checks are an independent assessment, read them. The owner of
a follow-up action updates its progress, whatever their role.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import FollowUpAction, SpotCheck

READERS = (Role.AUDITOR, Role.REGISTER_KEEPER, Role.SMT)


def can_read_spot_checks(user):
    return user.has_role(*READERS)


def can_draw(user):
    return user.has_role(Role.AUDITOR)


def can_change(user, spot_check):
    """Its own auditor. Once complete it changes no more (services.py says so plainly)."""
    return user.has_role(Role.AUDITOR) and spot_check.auditor_id == user.pk


def can_update_action(user, action):
    """The action's owner, and the auditor whose spot check raised it, even once the spot
    check is complete: follow-up outlives the check."""
    if not user.is_active:
        return False
    return action.owner_id == user.pk or (
        user.has_role(Role.AUDITOR) and action.finding.spot_check.auditor_id == user.pk
    )


def get_spot_check_for_user(request, pk, write=False):
    if not can_read_spot_checks(request.user):
        raise PermissionDenied
    spot_check = get_object_or_404(SpotCheck.objects.select_related("auditor"), pk=pk)
    if write and not can_change(request.user, spot_check):
        raise PermissionDenied
    return spot_check


def get_action_for_user(request, pk):
    action = get_object_or_404(
        FollowUpAction.objects.select_related(
            "owner", "finding__spot_check__auditor", "finding__partnership"
        ),
        pk=pk,
    )
    if not can_update_action(request.user, action):
        raise PermissionDenied
    return action
