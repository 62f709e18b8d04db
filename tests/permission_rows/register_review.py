"""Permission table rows for the annual register review (V3).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.

The register keeper runs the review. Lead officers confirm their own entries (the table's
entry is led by nobody, so it is the keeper's); anyone who can lead a partnership has a
"your entries" page. SMT, Leading Members, the committee clerk and Internal Audit read the
closed report.
"""

from datetime import date

from accounts.roles import Role
from register_review.services import ROUTE_KIND, review_close, review_open
from tests.factories import UserFactory

from . import KEEPER_ONLY, expect, returned_route

REPORT_READERS = expect(403, register_keeper=200, smt=200, member=200, clerk=200, auditor=200)

ROWS = {
    "register_review:index": ("get", None, KEEPER_ONLY),
    "register_review:open": ("get", None, KEEPER_ONLY),
    "register_review:review": ("get", "register_review", KEEPER_ONLY),
    "register_review:chase": ("get", "register_review", KEEPER_ONLY),
    "register_review:close": ("get", "register_review", KEEPER_ONLY),
    "register_review:reports": ("get", None, REPORT_READERS),
    "register_review:report": ("get", "closed_register_review", REPORT_READERS),
    "register_review:report_pdf": ("get", "closed_register_review", REPORT_READERS),
    # Sending again a report a committee returned is the keeper's.
    "register_review:send_again": ("get", "closed_register_review", KEEPER_ONLY),
    "register_review:mine": ("get", None, expect(200, clerk=403, auditor=403, admin=403)),
    "register_review:confirm": ("get", "register_review_entry", KEEPER_ONLY),
}

POSTS = {
    # The form has nothing to fill in: posting it sends the report again.
    "register_review:send_again": ("closed_register_review", expect(403, register_keeper=302)),
}


def objects(made):
    keeper = UserFactory(username="table-review-keeper", role=Role.REGISTER_KEEPER)
    last_year = review_open(2025, date(2025, 6, 30), actor=keeper)
    closed = review_close(last_year.pk, accept_outstanding=True, actor=keeper)
    returned_route(closed, ROUTE_KIND, actor=keeper)
    review = review_open(2026, date(2026, 6, 30), actor=keeper)
    return {
        "closed_register_review": closed,
        "register_review": review,
        "register_review_entry": review.entries.get(partnership=made["partnership"]),
    }
