"""The register's "Latest score" column and filter (A3, A4), given to the register through
settings.REGISTER_COLUMNS."""

import django_filters
from django.db.models import F, IntegerField, OuterRef, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from core.text import short_date
from partnerships.providers import RegisterColumn

from .models import COUNCIL_WIDE_KIND, CompletedForm, FormState


def with_latest_score(partnerships):
    """The total, maximum and date of each partnership's latest submitted assessment. A
    council-wide self-assessment once completed on a partnership is not that partnership's."""
    forms = (
        CompletedForm.objects.filter(
            partnership=OuterRef("pk"),
            state__in=[FormState.SUBMITTED, FormState.SIGNED_OFF],
            scores__maximum__gt=0,
        )
        .exclude(template__kind=COUNCIL_WIDE_KIND)
        .order_by("-submitted_at", "-pk")
    )

    def latest(expression):
        return Subquery(forms.annotate(value=expression).values("value")[:1])

    return partnerships.annotate(
        latest_score=latest(Cast(KT("scores__total"), IntegerField())),
        latest_score_maximum=latest(Cast(KT("scores__maximum"), IntegerField())),
        latest_score_date=latest(F("submitted_at")),
    )


def by_score(partnerships, name, value):
    if value == "none":
        return partnerships.filter(latest_score__isnull=True)
    doubled = F("latest_score") * 2
    if value == "low":
        return partnerships.filter(latest_score_maximum__gt=doubled)
    return partnerships.filter(latest_score_maximum__lte=doubled)


def score_filter():
    return django_filters.ChoiceFilter(
        label="Latest score",
        choices=[
            ("none", "No score yet"),
            ("low", "Below half of the most it could score"),
            ("high", "Half or more"),
        ],
        method=by_score,
        empty_label="Any score",
    )


def score_cell(partnership, today):
    if not partnership.latest_score_maximum:
        return mark_safe('<span class="app-secondary">None yet</span>')  # noqa: S308
    return format_html(
        '{} of {}<span class="govuk-body-s app-secondary">{}</span>',
        partnership.latest_score,
        partnership.latest_score_maximum,
        short_date(localtime(partnership.latest_score_date)),
    )


def latest_score():
    return RegisterColumn(
        key="score",
        heading="Latest score",
        annotate=with_latest_score,
        make_filter=score_filter,
        cell=score_cell,
    )
