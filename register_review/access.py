"""Who may run, confirm and read the annual register review (V3). Every view asks here."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import Entry, RegisterReview

# SMT and Leading Members consider the report; the clerk puts it on their agenda; Internal
# Audit reads everything.
REPORT_READERS = {Role.REGISTER_KEEPER, Role.SMT, Role.MEMBER, Role.CLERK, Role.AUDITOR}
# Who can lead a partnership (partnerships.access.can_edit_partnership), and the keeper, who
# confirms the entries nobody leads.
CONFIRMERS = {Role.OFFICER, Role.HEAD_OF_SERVICE, Role.MEMBER, Role.SMT, Role.REGISTER_KEEPER}


def can_run_review(user):
    return user.has_role(Role.REGISTER_KEEPER)


def can_read_report(user):
    return user.has_role(*REPORT_READERS)


def can_have_entries(user):
    return user.has_role(*CONFIRMERS)


def can_confirm(user, entry):
    """The lead officer confirms their own entry; the keeper confirms those nobody leads."""
    lead_officer_id = entry.partnership.lead_officer_id
    if lead_officer_id is None:
        return can_run_review(user)
    return lead_officer_id == user.pk and can_have_entries(user)


def get_review_for_user(request, pk):
    """A review the register keeper runs."""
    if not can_run_review(request.user):
        raise PermissionDenied
    return get_object_or_404(RegisterReview.objects.select_related("opened_by", "closed_by"), pk=pk)


def get_report_for_user(request, pk):
    """A closed review's report; before it closes there is no report to read."""
    if not can_read_report(request.user):
        raise PermissionDenied
    review = get_object_or_404(RegisterReview.objects.select_related("closed_by"), pk=pk)
    if review.is_open:
        raise Http404("The review has not closed yet")
    return review


def get_entry_for_user(request, pk):
    entry = get_object_or_404(
        Entry.objects.select_related(
            "review", "partnership__lead_service", "partnership__lead_officer", "confirmed_by"
        ),
        pk=pk,
    )
    if not can_confirm(request.user, entry):
        raise PermissionDenied
    return entry
