"""The register's "Next review" column and filter (V1), given to the register through
settings.REGISTER_COLUMNS."""

from datetime import timedelta

import django_filters
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from partnerships.providers import RegisterColumn

from .models import Review, ReviewState


def with_next_review(partnerships):
    """The due date of each partnership's open review."""
    reviews = Review.objects.filter(partnership=OuterRef("pk"), state=ReviewState.PLANNED)
    return partnerships.annotate(next_review_due=Subquery(reviews.values("due")[:1]))


def by_review(partnerships, name, value):
    today = timezone.localdate()
    if value == "none":
        return partnerships.filter(next_review_due__isnull=True)
    if value == "overdue":
        return partnerships.filter(next_review_due__lt=today)
    return partnerships.filter(next_review_due__lte=today + timedelta(days=90))


def review_filter():
    return django_filters.ChoiceFilter(
        label="Next review",
        choices=[
            ("overdue", "Overdue"),
            ("due", "Due in the next 90 days"),
            ("none", "None planned"),
        ],
        method=by_review,
        empty_label="Any review date",
    )


def next_review():
    return RegisterColumn(
        key="review",
        heading="Next review",
        annotate=with_next_review,
        make_filter=review_filter,
        cell_template="reviews/register_cell.html",
    )
