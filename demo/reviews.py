"""Demo reviews: every demo partnership gets its review planned; one was last reviewed under
the old spreadsheet three years ago and is now overdue, and one is brought forward."""

from datetime import timedelta

from django.utils import timezone

from demo.register import DEMO_OFFICER_LEADS
from partnerships.models import Partnership
from reviews.models import Review, ReviewState
from reviews.services import add_months, review_bring_forward, reviews_plan_all

OVERDUE = DEMO_OFFICER_LEADS[1]
BROUGHT_FORWARD = DEMO_OFFICER_LEADS[0]


def load(users, stdout):
    if Review.objects.exists():
        return  # loaded before
    today = timezone.localdate()
    overdue = Partnership.objects.get(name=OVERDUE)
    # Carried over from the spreadsheet the register replaced: its last three-yearly review.
    last = Review(
        partnership=overdue,
        label="Three-yearly review",
        due=add_months(today, -37),
        state=ReviewState.COMPLETED,
        completed_by=users["keeper"],
        completed_at=timezone.now() - timedelta(days=3 * 365 + 40),
        conclusions="Reviewed before the register moved online: the contract still meets the "
        "council's requirements.",
    )
    last._history_user = users["keeper"]
    last.save()
    planned = reviews_plan_all()
    forward = Review.objects.get(partnership__name=BROUGHT_FORWARD, state=ReviewState.PLANNED)
    review_bring_forward(
        forward.pk,
        today + timedelta(days=20),
        "The leisure contract overspent in the second quarter; Executive Cabinet asked for an "
        "early review.",
        actor=users["keeper"],
    )
    stdout.write(f"Demo reviews: {planned} planned, one overdue, one brought forward.")
