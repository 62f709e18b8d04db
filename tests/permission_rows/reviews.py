"""Permission table rows for reviews and reminders (V1, V2).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from datetime import date

from django.utils import timezone

from accounts.roles import Role
from reviews.models import Review, ReviewState
from reviews.services import ROUTE_KIND, review_plan
from tests.factories import PartnershipFactory, UserFactory

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
    return {"review": review_plan(made["partnership"]), "returned_review": returned}
