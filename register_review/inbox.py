"""What the annual register review gives people to do, for their inbox (P6): a lead officer
has entries to confirm; the keeper has the entries nobody leads."""

from collections import Counter

from django.urls import reverse

from accounts.inbox import TaskSpec
from accounts.models import User
from accounts.roles import Role
from partnerships.models import Partnership

from .access import CONFIRMERS
from .models import Entry, RegisterReview, ReviewState

WATCHES = ["register_review.RegisterReview", "register_review.Entry"]
# Who confirms an entry is the partnership's lead officer.
ABOUT = {"partnerships.Partnership": ["lead_officer"]}


def subjects():
    return [RegisterReview.objects.open()]


def tasks_of(subject):
    if not isinstance(subject, RegisterReview) or subject.state != ReviewState.OPEN:
        return []
    # Who confirms an entry follows the partnership's lead officer as they are now.
    waiting = Counter(
        Entry.objects.outstanding()
        .filter(review=subject)
        .values_list("partnership__lead_officer", flat=True)
    )
    confirmers = set(
        User.objects.filter(
            pk__in=[pk for pk in waiting if pk], is_active=True, role__in=CONFIRMERS
        ).values_list("pk", flat=True)
    )
    found = []
    for lead, count in sorted(waiting.items(), key=lambda item: item[0] or 0):
        if lead is not None and lead not in confirmers:
            continue
        holder = {"person_id": lead} if lead else {"role": Role.REGISTER_KEEPER}
        found.append(
            TaskSpec(
                kind="Register review",
                title=f"Register review {subject.year}: "
                f"{count} partnership entr{'ies' if count != 1 else 'y'} to confirm",
                url=reverse("register_review:mine"),
                since=subject.opened_at,
                detail=f"Confirm each is current or update it by {subject.confirm_by:%-d %B %Y}",
                key=f"confirm-{lead}" if lead else "confirm-unled",
                **holder,
            )
        )
    return found


def subjects_about(record):
    if isinstance(record, RegisterReview):
        return [record]
    if isinstance(record, Entry):
        return [record.review]
    if isinstance(record, Partnership):
        # Its lead officer confirms its entry.
        return list(RegisterReview.objects.open().filter(entries__partnership=record))
    return []
