"""Who may see and change which partnerships. Every view asks here; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import Partnership, Status


def partnerships_for_user(user, queryset=None):
    """The partnerships this person may see, from `queryset` (all of them unless given)."""
    # R10: the register is published read-only to every signed-in officer and Member. A draft
    # proposal is its proposer's until submitted, and is reached through the proposal.
    drafts_of_others = Q(status=Status.DRAFT) & ~Q(lead_officer=user.pk)
    queryset = Partnership.objects.all() if queryset is None else queryset
    return queryset.exclude(drafts_of_others).select_related(
        "lead_service", "lead_officer", "sponsor"
    )


def can_see_partnership(user, partnership):
    """partnerships_for_user's rule, for one record already read."""
    return not (partnership.status == Status.DRAFT and partnership.lead_officer_id != user.pk)


def can_maintain_register(user):
    """Add partnerships, import, keep the strategic objectives: the register keeper only."""
    return user.has_role(Role.REGISTER_KEEPER)


def can_edit_partnership(user, partnership):
    """The register keeper edits every record; a lead officer edits the ones they lead."""
    if can_maintain_register(user):
        return True
    if partnership.status == Status.PROPOSED:
        # With the deciders: what they are deciding must not change under them.
        return False
    return (
        user.has_role(Role.OFFICER, Role.HEAD_OF_SERVICE, Role.MEMBER, Role.SMT)
        and partnership.lead_officer_id == user.pk
    )


def can_see_history(user):
    """R12: Corporate Services (the register keeper) and Internal Audit."""
    return user.has_role(Role.REGISTER_KEEPER, Role.AUDITOR)


def can_read_declarations(user, partnership, representative):
    """UK GDPR: a declaration of interests is personal data, some of it special category
    (political opinions, trade union membership). Read only by the register keeper, Internal
    Audit, the partnership's lead officer and the representative themselves."""
    if not user.is_active:
        return False
    if user.has_role(Role.REGISTER_KEEPER, Role.AUDITOR):
        return True
    return user.pk is not None and user.pk in (partnership.lead_officer_id, representative.user_id)


def get_partnership_for_user(request, pk, write=False):
    partnership = get_object_or_404(partnerships_for_user(request.user), pk=pk)
    if write and not can_edit_partnership(request.user, partnership):
        raise PermissionDenied
    return partnership


def is_responsible(user, partnership):
    """Who answers for a partnership: its lead officer, its sponsor, the register keeper."""
    return user.is_active and (
        can_maintain_register(user)
        or user.pk in (partnership.lead_officer_id, partnership.sponsor_id)
    )
