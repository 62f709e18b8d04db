"""The register's "Next review" column and filter (V1), given to the register through
settings.REGISTER_COLUMNS."""

from datetime import timedelta

import django_filters
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.text import short_date
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


def review_cell(partnership, today):
    due = partnership.next_review_due
    if not due:
        return mark_safe('<span class="app-secondary">None planned</span>')  # noqa: S308
    shown = short_date(due)
    if due < today:
        return format_html('{} <strong class="govuk-tag govuk-tag--red">Overdue</strong>', shown)
    return shown


def next_review():
    return RegisterColumn(
        key="review",
        heading="Next review",
        annotate=with_next_review,
        make_filter=review_filter,
        cell=review_cell,
    )
