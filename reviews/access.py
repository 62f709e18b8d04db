"""Who may see and change which reviews. Every view asks here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.access import can_maintain_register, partnerships_for_user
from partnerships.models import Representative

from .models import RepresentativeReport, Review


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


# The policy's route an officer representative's annual report goes along to a committee.
REPORT_ROUTE = "representative_report"


def reports_to_committee(policy, partnership):
    """Whether the policy has officer representatives report on this partnership to a
    committee each year (Northamptonshire: to CMT)."""
    return policy.has_route(REPORT_ROUTE, partnership.tier)


def officer_representative(user, partnership):
    """The person's current seat on the partnership as its officer representative, or None:
    the protocol's annual report is theirs to write."""
    if not user.is_authenticated:
        return None
    return (
        partnership.representatives.filter(
            user=user,
            kind=Representative.Kind.OFFICER,
            role=Representative.Role.REPRESENTATIVE,
            finished_on__isnull=True,
        )
        .order_by("-started_on", "pk")
        .first()
    )


def can_write_report(user, report):
    """The report is written, and sent again, by the partnership's officer representatives."""
    return officer_representative(user, report.partnership) is not None


def get_report_for_user(request, pk, write=False):
    """Annual reports are as open as the register they belong to."""
    report = get_object_or_404(
        RepresentativeReport.objects.select_related(
            "partnership__lead_service", "written_by", "representative"
        ).filter(partnership__in=partnerships_for_user(request.user)),
        pk=pk,
    )
    if write and not can_write_report(request.user, report):
        raise PermissionDenied
    return report


def report_audience(policy, partnership):
    """Who the report goes to, in the policy's words: "Corporate Management Team (CMT)"; ""
    where the policy (changed since the report was written) sends it nowhere."""
    if not reports_to_committee(policy, partnership):
        return ""
    steps = policy.route_steps(REPORT_ROUTE, partnership.tier)
    return " then ".join(step["label"] for step in steps)
