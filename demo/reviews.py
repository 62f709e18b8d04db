"""Demo reviews: every demo partnership gets its review planned; one was last reviewed under
the old spreadsheet a cycle ago and is now overdue, and one is brought forward."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import Policy
from demo import councils
from partnerships.models import Partnership
from reviews.models import Review, ReviewState
from reviews.services import add_months, review_bring_forward, reviews_plan_all


def load(users, stdout):
    if Review.objects.exists():
        return  # loaded before
    demo = councils.current()
    brought_forward, overdue_name = demo.officer_leads[:2]
    today = timezone.localdate()
    overdue = Partnership.objects.get(name=overdue_name)
    cycle = Policy.current().review_cycle(overdue.tier)
    # Carried over from the spreadsheet the register replaced: its last review, a month more
    # than a cycle ago, so that the next one is a month overdue.
    due = add_months(today, -(cycle["months"] + 1))
    last = Review(
        partnership=overdue,
        label=cycle["label"],
        due=due,
        state=ReviewState.COMPLETED,
        completed_by=users["keeper"],
        completed_at=timezone.now() - (today - due) - timedelta(days=3),
        conclusions=demo.overdue_conclusions,
    )
    last._history_user = users["keeper"]
    last.save()
    planned = reviews_plan_all()
    forward = Review.objects.get(partnership__name=brought_forward, state=ReviewState.PLANNED)
    review_bring_forward(
        forward.pk,
        today + timedelta(days=20),
        demo.brought_forward_reason,
        actor=users["keeper"],
    )
    stdout.write(f"Demo reviews: {planned} planned, one overdue, one brought forward.")
