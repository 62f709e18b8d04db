"""Demo data for this part of the portal, loaded by `manage.py load_demo` after the
register. Running it again adds nothing.

It opens this year's register review, so that the demo lead officer has entries to confirm
and the register keeper has progress to follow."""

from datetime import timedelta

from django.utils import timezone

from register_review.models import RegisterReview
from register_review.services import review_open


def load(users, stdout):
    if RegisterReview.objects.exists():
        return
    today = timezone.localdate()
    review = review_open(today.year, today + timedelta(days=28), actor=users["keeper"])
    stdout.write(f"Opened the {review.year} register review ({review.entries.count()} entries).")
