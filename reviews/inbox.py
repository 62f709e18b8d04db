"""Reviews coming due and overdue (V1) in the inbox of the partnership's lead officer and
sponsor; for the register keeper, who coordinates the timetable, one task for all overdue
reviews, leading to the timetable."""

from datetime import timedelta

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import Task, start_of
from partnerships.access import can_maintain_register

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
                since=start_of(review.due),
                detail=f"{'Was due' if overdue else 'Due'} by {review.due:%-d %B %Y}",
            )
        )
    if can_maintain_register(user):
        overdue = Review.objects.overdue(today).aggregate(count=Count("pk"), oldest=Min("due"))
        if overdue["count"]:
            found.append(
                Task(
                    kind="Overdue reviews",
                    title=f"{overdue['count']} review{'s' if overdue['count'] > 1 else ''} "
                    "overdue across the register",
                    url=f"{reverse('reviews:index')}?show=overdue",
                    since=start_of(overdue["oldest"]),
                    detail="Chase the lead officers, or bring the timetable up to date",
                )
            )
    return found
