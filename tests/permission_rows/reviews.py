"""Permission table rows for reviews and reminders (V1, V2).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from datetime import date

from django.utils import timezone

from accounts.roles import Role
from reviews.access import REPORT_ROUTE
from reviews.models import ReportState, RepresentativeReport, Review, ReviewState
from reviews.services import ROUTE_KIND, review_plan
from tests.factories import PartnershipFactory, RepresentativeFactory, UserFactory

from . import KEEPER_ONLY, expect, returned_route

ROWS = {
    # The timetable and each review are as open as the register.
    "reviews:index": ("get", None, expect(200)),
    "reviews:review": ("get", "review", expect(200)),
    # The table's partnership has no lead officer or sponsor: only the keeper may act.
    "reviews:complete": ("get", "review", KEEPER_ONLY),
    "reviews:bring_forward": ("get", "review", KEEPER_ONLY),
    # Sending again a review the committee returned is for those who complete it.
    "reviews:send_again": ("get", "returned_review", KEEPER_ONLY),
    # An officer representative's annual report is as open as the register; it is written,
    # sent and sent again by the partnership's officer representative alone: the table's
    # officer sits on its partnerships as one. The table's policy (the default preset) asks
    # for no annual report, so there is none to start (tests/reviews/
    # test_representative_reports.py has the Northamptonshire pages).
    "reviews:report_new": ("get", "partnership", expect(404)),
    "reviews:report": ("get", "representative_report", expect(200)),
    "reviews:report_pdf": ("get", "representative_report", expect(200)),
    "reviews:report_edit": ("get", "representative_report", expect(403, officer=200)),
    "reviews:report_send": ("get", "representative_report", expect(405)),
    "reviews:report_send_again": ("get", "returned_report", expect(403, officer=200)),
}
POSTS = {
    "reviews:report": ("representative_report", expect(405)),
    "reviews:report_pdf": ("representative_report", expect(405)),
    # The report is sent as it stands: there is nothing to fill in.
    "reviews:report_send": ("representative_report", expect(403, officer=302)),
}


def objects(made):
    keeper = UserFactory(username="table-reviews-keeper", role=Role.REGISTER_KEEPER)
    returned = Review.objects.create(
        partnership=PartnershipFactory(name="Table reviewed partnership"),
        label="Review",
        due=date(2026, 1, 31),
        state=ReviewState.COMPLETED,
        conclusions="Still relevant.",
        completed_by=keeper,
        completed_at=timezone.now(),
    )
    returned_route(returned, ROUTE_KIND, actor=keeper)
    writer = UserFactory(username="table-officer", role=Role.OFFICER)
    year = timezone.localdate().year
    for partnership in (made["partnership"], returned.partnership):
        RepresentativeFactory(partnership=partnership, name=writer.display_name, user=writer)
    report = RepresentativeReport.objects.create(
        partnership=made["partnership"], year=year, written_by=writer, achievement="Met."
    )
    sent = RepresentativeReport.objects.create(
        partnership=returned.partnership,
        year=year,
        written_by=writer,
        achievement="Met.",
        state=ReportState.RETURNED,
    )
    returned_route(sent, REPORT_ROUTE, actor=writer)
    return {
        "review": review_plan(made["partnership"]),
        "returned_review": returned,
        "representative_report": report,
        "returned_report": sent,
    }
