"""Reviews coming due and overdue (V1) in the inbox of the partnership's lead officer and
sponsor. The register keeper sees the whole timetable on the reviews page instead."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.inbox import Task

from .models import Review

# How far ahead a review shows as due: the notice of the first reminder in every preset.
DUE_SOON = timedelta(days=30)


def tasks(user):
    today = timezone.localdate()
    found = []
    reviews = Review.objects.due_by(today + DUE_SOON).led_by(user).select_related("partnership")
    for review in reviews:
        overdue = review.is_overdue(today)
        found.append(
            Task(
                kind="Overdue review" if overdue else "Review due",
                title=f"{review.label}: {review.partnership.name}",
                url=review.get_absolute_url(),
                since=timezone.make_aware(datetime.combine(review.due, time.min)),
                detail=f"{'Was due' if overdue else 'Due'} by {review.due:%-d %B %Y}",
            )
        )
    return found
