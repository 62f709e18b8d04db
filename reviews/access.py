"""Who may see and change which reviews. Every view asks here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.access import can_maintain_register, partnerships_for_user

from .models import Review


def can_manage_review(user, review):
    """A review is led by the partnership's lead officer and its sponsor; the register keeper
    coordinates the timetable and may act on any."""
    partnership = review.partnership
    return can_maintain_register(user) or user.pk in {
        partnership.lead_officer_id,
        partnership.sponsor_id,
    }


def get_review_for_user(request, pk, write=False):
    """Reviews are as open as the register they belong to."""
    review = get_object_or_404(
        Review.objects.select_related(
            "partnership__lead_officer", "partnership__sponsor", "completed_by"
        ).filter(partnership__in=partnerships_for_user(request.user)),
        pk=pk,
    )
    if write and not can_manage_review(request.user, review):
        raise PermissionDenied
    return review
