"""Who may see and change which partnerships. Every view asks here; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import Partnership


def partnerships_for_user(user):
    # R10: the register is published read-only to every signed-in officer and Member.
    return Partnership.objects.select_related("lead_service", "lead_officer")


def can_edit_partnership(user, partnership):
    if user.has_role(Role.REGISTER_KEEPER):
        return True
    if user.has_role(Role.OFFICER, Role.HEAD_OF_SERVICE):
        return partnership.lead_officer_id == user.pk
    return False


def get_partnership_for_user(request, pk, write=False):
    partnership = get_object_or_404(partnerships_for_user(request.user), pk=pk)
    if write and not can_edit_partnership(request.user, partnership):
        raise PermissionDenied
    return partnership
