"""A partnership's reviews on its record page (V1): the open one and the last few completed."""

from django.utils import timezone

from partnerships.providers import RecordSection

from .models import ReviewState


def reviews(request, partnership):
    return RecordSection(
        "reviews/record_section.html",
        {
            "reviews": list(
                partnership.reviews.exclude(state=ReviewState.CANCELLED).order_by("-pk")[:4]
            ),
            "today": timezone.localdate(),
        },
    )
