"""Reviews coming due and overdue (V1) in the inbox of the partnership's lead officer and
sponsor; for the register keeper, who coordinates the timetable, one task for all overdue
reviews, leading to the timetable.

That one task is about no single review: its subject is the kind of record, Review's
content type, so that the table can still say what gives it."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import TaskSpec, start_of
from accounts.roles import Role
from partnerships.models import Partnership

from .models import Review

WATCHES = ["reviews.Review"]
# Its lead officer and sponsor are who a review waits for; its status, whether it waits.
ABOUT = {"partnerships.Partnership": ["name", "lead_officer", "sponsor", "status"]}

# How far ahead a review shows as due: the notice of the first reminder in every preset.
DUE_SOON = timedelta(days=30)


def _all_reviews():
    return ContentType.objects.get_for_model(Review)


def _due(today):
    return Review.objects.due_by(today + DUE_SOON).select_related("partnership")


def subjects():
    return [_due(timezone.localdate()), [_all_reviews()]]


def falling_due(today):
    """A review comes due within its notice, and goes overdue, with the days alone."""
    return [*_due(today), _all_reviews()]


def tasks_of(subject):
    if isinstance(subject, Review):
        return _tasks_of_review(subject)
    if isinstance(subject, ContentType) and subject == _all_reviews():
        return _overdue_across_the_register()
    return []


def _tasks_of_review(review):
    today = timezone.localdate()
    if not Review.objects.due_by(today + DUE_SOON).filter(pk=review.pk).exists():
        return []
    overdue = review.is_overdue(today)
    partnership = review.partnership
    people = {pk for pk in (partnership.lead_officer_id, partnership.sponsor_id) if pk}
    return [
        TaskSpec(
            kind="Overdue review" if overdue else "Review due",
            title=f"{review.label}: {partnership.name}",
            url=review.get_absolute_url(),
            # A review not yet due waits from when it was opened: the inbox never shows a
            # "since" in the future (issue 11).
            since=start_of(review.due) if overdue else review.created_at,
            detail=f"{'Was due' if overdue else 'Due'} by {review.due:%-d %B %Y}",
            key=f"lead-{person}",
            person_id=person,
        )
        for person in sorted(people)
    ]


def _overdue_across_the_register():
    overdue = Review.objects.overdue().aggregate(count=Count("pk"), oldest=Min("due"))
    if not overdue["count"]:
        return []
    return [
        TaskSpec(
            kind="Overdue reviews",
            title=f"{overdue['count']} review{'s' if overdue['count'] > 1 else ''} "
            "overdue across the register",
            url=f"{reverse('reviews:index')}?show=overdue",
            since=start_of(overdue["oldest"]),
            detail="Chase the lead officers, or bring the timetable up to date",
            key="overdue",
            role=Role.REGISTER_KEEPER,
        )
    ]


def subjects_about(record):
    if isinstance(record, Review):
        return [record, _all_reviews()]
    if isinstance(record, Partnership):
        # Its lead officer, sponsor, name and status say who a review waits for, and whether.
        return [*record.reviews.all(), _all_reviews()]
    return []
