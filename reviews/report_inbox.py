"""The officer representatives' annual reports in their inbox: this year's report to write,
where the policy asks for one; a draft to send. A report the committee returned waits for
its writer as everything a committee returns does, and the clerk's task, when a report
waits for the committee, is its route's (both approvals.inbox)."""

from django.utils import timezone

from accounts.inbox import TaskSpec, start_of
from accounts.policy import Policy
from partnerships.models import CURRENT_STATUSES, Partnership, Representative

from .access import reports_to_committee
from .models import ReportState, RepresentativeReport

WATCHES = ["reviews.RepresentativeReport", "partnerships.Representative"]
# Whether a partnership is asked for a report reads its tier and status; the title, its name.
ABOUT = {"partnerships.Partnership": ["name", "tier", "status"]}


def _seats():
    """The current officer representatives with an account, of partnerships still held."""
    return Representative.objects.filter(
        kind=Representative.Kind.OFFICER,
        role=Representative.Role.REPRESENTATIVE,
        finished_on__isnull=True,
        user__isnull=False,
        partnership__status__in=CURRENT_STATUSES,
    ).select_related("partnership")


def _open_reports():
    return RepresentativeReport.objects.filter(state=ReportState.DRAFT).select_related(
        "partnership"
    )


def subjects():
    return [_seats(), _open_reports()]


def falling_due(today):
    """A new year asks each officer representative for that year's report."""
    return list(_seats())


def tasks_of(subject):
    if isinstance(subject, Representative):
        return _report_due(subject)
    if isinstance(subject, RepresentativeReport):
        return _report_open(subject)
    return []


def _report_due(seat):
    partnership = seat.partnership
    is_seat = (
        seat.kind == Representative.Kind.OFFICER
        and seat.role == Representative.Role.REPRESENTATIVE
        and seat.finished_on is None
        and seat.user_id is not None
    )
    if not is_seat or partnership.status not in CURRENT_STATUSES:
        return []
    if not reports_to_committee(Policy.current(), partnership):
        return []
    year = timezone.localdate().year
    if partnership.representative_reports.filter(year=year).exists():
        return []
    since = max(start_of(timezone.localdate().replace(month=1, day=1)), start_of(seat.started_on))
    return [
        TaskSpec(
            kind="Annual report due",
            title=f"Annual report {year}: {partnership.name}",
            url=partnership.get_absolute_url() + "#annual-reports",
            since=since,
            detail="Report on the partnership's achievement against its targets and outcomes",
            key="report-due",
            person_id=seat.user_id,
        )
    ]


def _report_open(report):
    if report.state != ReportState.DRAFT:
        return []
    return [
        TaskSpec(
            kind="Annual report",
            title=f"Annual report {report.year}: {report.partnership.name}",
            url=report.get_absolute_url(),
            since=report.created_at,
            detail="Draft: send it when it is ready",
            key="report-open",
            person_id=report.written_by_id,
        )
    ]


def subjects_about(record):
    if isinstance(record, RepresentativeReport):
        return [record, *_seats().filter(partnership_id=record.partnership_id)]
    if isinstance(record, Representative):
        return [record]
    if isinstance(record, Partnership):
        return [
            *record.representatives.select_related("partnership"),
            *record.representative_reports.select_related("partnership"),
        ]
    return []
