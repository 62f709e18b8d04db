"""A partnership's reviews on its record page (V1): the open one and the last few completed."""

from django.utils import timezone

from accounts.policy import Policy
from core.prepared import prepared
from partnerships.models import CURRENT_STATUSES
from partnerships.providers import RecordSection

from .access import officer_representative, report_audience, reports_to_committee
from .models import Review, ReviewState


@prepared
def latest_reviews(partnership_id):
    """The open review and the last few completed, newest first."""
    return (
        Review.objects.filter(partnership_id=partnership_id)
        .exclude(state=ReviewState.CANCELLED)
        .order_by("-pk")[:4]
    )


def reviews(request, partnership):
    return RecordSection(
        "reviews/record_section.html",
        {
            "reviews": latest_reviews(partnership.pk),
            "today": timezone.localdate(),
        },
    )


def representative_reports(request, partnership):
    """The officer representatives' annual reports, where the policy asks for them."""
    policy = Policy.for_request(request)
    if not reports_to_committee(policy, partnership):
        return None
    year = timezone.localdate().year
    reports = list(partnership.representative_reports.all()[:4])
    may_start = (
        partnership.status in CURRENT_STATUSES
        and all(report.year != year for report in reports)
        and officer_representative(request.user, partnership) is not None
    )
    return RecordSection(
        "reviews/report_record_section.html",
        {
            "reports": reports,
            "audience": report_audience(policy, partnership),
            "may_start": may_start,
            "year": year,
        },
    )
