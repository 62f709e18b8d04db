"""What the annual register review gives people to do, for their inbox (P6): a lead officer
has entries to confirm; the keeper has the entries nobody leads."""

from django.db.models import Count, Min
from django.urls import reverse

from accounts.inbox import Task

from .access import can_have_entries
from .models import Entry, ReviewState


def tasks(user):
    if not can_have_entries(user):
        return []
    waiting = (
        Entry.objects.outstanding()
        .filter(review__state=ReviewState.OPEN)
        .for_confirmer(user)
        .values("review__year", "review__confirm_by")
        .annotate(count=Count("pk"), since=Min("review__opened_at"))
    )
    found = []
    for row in waiting:
        count = row["count"]
        found.append(
            Task(
                kind="Register review",
                title=f"Register review {row['review__year']}: "
                f"{count} partnership entr{'ies' if count != 1 else 'y'} to confirm",
                url=reverse("register_review:mine"),
                since=row["since"],
                detail=f"Confirm each is current or update it by "
                f"{row['review__confirm_by']:%-d %B %Y}",
            )
        )
    return found
