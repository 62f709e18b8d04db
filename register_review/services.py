"""The annual register review's state changes (V3): open, confirm, chase, close. Each checks
the state and the actor's right, locks what it changes and records who did it."""

from collections import defaultdict
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accounts.inbox import refresh_tasks
from accounts.policy import Policy
from approvals.services import lock_returned_route, route_start
from core.history import save_with_history
from core.notifications import notify
from partnerships.models import CURRENT_STATUSES, Partnership, Tier

from .access import can_confirm, can_run_review
from .models import Chase, Entry, Outcome, RegisterReview, ReviewState
from .report import build_report

if TYPE_CHECKING:
    from accounts.models import User

# The policy's route a closed review's report goes along to its committees (V3), if it has
# one. The review covers the whole register, not one tier: the policy gives both tiers the
# same steps, and the review goes as the standard tier.
ROUTE_KIND = "register_review"
ROUTE_TIER = Tier.STANDARD


def _lock_open_review(review_id: int, *, actor: "User"):
    if not can_run_review(actor):
        raise PermissionDenied
    review = RegisterReview.objects.select_for_update().get(pk=review_id)
    if not review.is_open:
        raise ValidationError(f"The {review.year} review has already been closed")
    return review


@transaction.atomic
def review_open(year: int, confirm_by, *, actor: "User"):
    """Opens the year's review with an entry for every current partnership."""
    if not can_run_review(actor):
        raise PermissionDenied
    if RegisterReview.objects.filter(year=year).exists():
        raise ValidationError({"year": f"The {year} review has already been opened"})
    still_open = RegisterReview.objects.open().first()
    if still_open:
        raise ValidationError(f"Close the {still_open.year} review before opening another")
    review = RegisterReview(year=year, confirm_by=confirm_by, opened_by=actor)
    try:
        # The constraints catch two keepers opening a review at the same moment.
        with transaction.atomic():
            save_with_history(review, actor=actor)
    except IntegrityError as error:
        raise ValidationError("Another review was opened a moment ago") from error
    current = Partnership.objects.filter(status__in=CURRENT_STATUSES).order_by("pk")
    entries = [Entry(review=review, partnership=partnership) for partnership in current]
    bulk_create_with_history(entries, Entry, default_user=actor)
    # Made in bulk, the entries were not saved one by one: the lead officers' tasks open here.
    refresh_tasks(review, actor=actor)
    return review


@transaction.atomic
def entry_confirm(entry_id: int, outcome: str, note: str = "", *, actor: "User"):
    """A lead officer confirms their entry is current, or that they have updated it. Once:
    a second confirmation (a double click, two tabs) is refused with what happened first."""
    if outcome not in (Outcome.CONFIRMED, Outcome.UPDATED):
        raise ValidationError({"outcome": "Select whether the entry is current or updated"})
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("review", "partnership", "confirmed_by")
        .get(pk=entry_id)
    )
    if not can_confirm(actor, entry):
        raise PermissionDenied
    if not entry.review.is_open:
        raise ValidationError(f"The {entry.review.year} review has closed")
    if not entry.is_outstanding:
        who = entry.confirmed_by.display_name if entry.confirmed_by else "someone"
        raise ValidationError(
            f"This entry was already {entry.get_outcome_display().lower()} by {who} "
            f"on {timezone.localtime(entry.confirmed_at):%-d %B %Y at %H:%M}"
        )
    entry.outcome = outcome
    entry.note = note.strip()
    entry.confirmed_by = actor
    entry.confirmed_at = timezone.now()
    return save_with_history(entry, actor=actor)


class YourEntries:
    """Where a reminder sends a lead officer: the page with their entries."""

    def get_absolute_url(self):
        return reverse("register_review:mine")


@transaction.atomic
def review_chase(review_id: int, *, actor: "User"):
    """Emails each lead officer with entries outstanding once, however many they have, and
    records the chase. Entries nobody leads are the keeper's own, so nobody is emailed."""
    review = _lock_open_review(review_id, actor=actor)
    outstanding = (
        review.entries.outstanding()
        .filter(partnership__lead_officer__isnull=False)
        .select_related("partnership__lead_officer")
    )
    by_officer = defaultdict(int)
    officers = {}
    for entry in outstanding:
        officer = entry.partnership.lead_officer
        officers[officer.pk] = officer
        by_officer[officer.pk] += 1
    if not officers:
        raise ValidationError("No lead officer has entries outstanding")
    due = f"{review.confirm_by:%-d %B %Y}"
    for pk, officer in officers.items():
        count = by_officer[pk]
        noun = "entry" if count == 1 else "entries"
        notify(
            [officer],
            f"Register review {review.year}: please confirm or update your {count} "
            f"partnership {noun} by {due}",
            YourEntries(),
        )
    names = sorted(officer.display_name for officer in officers.values())
    return Chase.objects.create(
        review=review,
        chased_by=actor,
        officers=len(officers),
        entries=sum(by_officer.values()),
        recipients=", ".join(names),
    )


@transaction.atomic
def review_close(review_id: int, accept_outstanding=False, *, actor: "User"):
    """Closes the review and keeps its report as it stands now. With entries still
    outstanding the keeper must say so: the report lists them as not confirmed."""
    review = _lock_open_review(review_id, actor=actor)
    outstanding = review.entries.outstanding().count()
    if outstanding and not accept_outstanding:
        noun = "entry is" if outstanding == 1 else "entries are"
        raise ValidationError(
            {
                "accept_outstanding": f"{outstanding} {noun} not confirmed: confirm that you "
                "want to close the review without them"
            }
        )
    review.state = ReviewState.CLOSED
    review.closed_by = actor
    review.closed_at = timezone.now()
    policy = Policy.current()
    review.report = build_report(review, policy)
    save_with_history(review, actor=actor)
    if policy.has_route(ROUTE_KIND, ROUTE_TIER):
        route_start(review, ROUTE_KIND, ROUTE_TIER, actor=actor)
    return review


@transaction.atomic
def review_send_again(review_id: int, *, actor: "User"):
    """A committee returned the report: the keeper has done in the register what it asked,
    so the report is taken again from the register as it stands now and goes along the route
    again, as a new round. The report first sent stays in the review's history."""
    if not can_run_review(actor):
        raise PermissionDenied
    lock_returned_route(RegisterReview.objects.get(pk=review_id), ROUTE_KIND)
    review = RegisterReview.objects.select_for_update().get(pk=review_id)
    policy = Policy.current()
    if not policy.has_route(ROUTE_KIND, ROUTE_TIER):
        raise ValidationError("The policy no longer sends the review's report to a committee")
    now = timezone.now()
    review.report = build_report(review, policy, until=now)
    review.report["sent_again"] = f"{timezone.localtime(now):%-d %B %Y}"
    review.report["sent_again_by"] = actor.display_name
    save_with_history(review, actor=actor, update_fields=["report"])
    route_start(review, ROUTE_KIND, ROUTE_TIER, actor=actor)
    return review


# The end of a closed review's route, told by the route engine (settings.ROUTE_OUTCOMES)
# inside its deciding transaction ------------------------------------------------------------


def route_approved(review, decision, *, actor: "User"):
    """The committees have considered the report: the last one's meeting and minute are kept
    with the review, so its pages and history say when it was considered."""
    review = RegisterReview.objects.select_for_update().get(pk=review.pk)
    review.considered_on = decision.meeting_date
    review.considered_minute = decision.minute_reference
    save_with_history(review, actor=actor, update_fields=["considered_on", "considered_minute"])


def route_returned(review, decision, *, actor: "User"):
    """The report stays as it was sent: what a committee asks for is done in the register,
    and the keeper sends the report again taken from it (review_send_again). The decision,
    with its comment and minute, is the record; the owner is told by the route engine."""


def route_rejected(review, decision, *, actor: "User"):
    """As for a return: the decision on the route is the record; the snapshot stays."""
