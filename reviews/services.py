"""Planning, bringing forward and completing reviews (V1). Each change is one transaction
that locks the row it changes, checks the actor's right and leaves history naming them."""

import calendar
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from accounts.inbox import start_of
from accounts.policy import Policy
from approvals.services import lock_returned_route, route_start
from assessments.models import CompletedForm, FormState
from core.history import save_with_history
from partnerships.models import CURRENT_STATUSES, Partnership

from .access import can_manage_review
from .models import Requirement, Review, ReviewState

if TYPE_CHECKING:
    from accounts.models import User

# The policy's route a completed review is reported along to a committee, if it has one.
ROUTE_KIND = "review"


def add_months(day, months):
    """The same day `months` later; the last day of the month where that day doesn't exist
    (a review a year after 29 February is due on 28 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _last_completed(partnership):
    return partnership.reviews.filter(state=ReviewState.COMPLETED).order_by("-completed_at").first()


def _cycle_start(partnership):
    """Where the cycle counts from: the last completed review or, before the first review,
    the day the partnership entered the register."""
    last = _last_completed(partnership)
    if last is not None:
        return timezone.localdate(last.completed_at)
    return timezone.localdate(partnership.created_at)


@transaction.atomic
def review_plan(partnership, actor=None, policy=None):
    """Plans a current partnership's next review on the policy's cycle for its tier, unless
    one is already open. Run by the daily review command (actor None) and on completion."""
    policy = policy or Policy.current()
    partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
    if partnership.status not in CURRENT_STATUSES:
        return None
    existing = partnership.reviews.filter(state=ReviewState.PLANNED).first()
    if existing is not None:
        return existing
    cycle = policy.review_cycle(partnership.tier)
    review = Review(
        partnership=partnership,
        label=cycle["label"],
        due=add_months(_cycle_start(partnership), cycle["months"]),
        requires=list(cycle["requires"]),
    )
    try:
        with transaction.atomic():
            return save_with_history(review, actor=actor)
    except IntegrityError:
        # Planned a moment ago by another run; the constraint keeps it to one.
        return partnership.reviews.get(state=ReviewState.PLANNED)


def reviews_plan_all(policy=None):
    """Plans a review for every current partnership that has none open. Returns how many."""
    policy = policy or Policy.current()
    unplanned = Partnership.objects.filter(status__in=CURRENT_STATUSES).exclude(
        reviews__state=ReviewState.PLANNED
    )
    planned = 0
    for partnership in list(unplanned.only("pk")):
        review = review_plan(partnership, policy=policy)
        planned += review is not None
    return planned


@transaction.atomic
def reviews_cancel_closed():
    """Cancels the open reviews of partnerships the register no longer holds (ceased,
    rejected, excluded), so the timetable and the review's history say so. Returns how many."""
    closed = (
        Review.objects.select_for_update()
        .filter(state=ReviewState.PLANNED)
        .exclude(partnership__status__in=CURRENT_STATUSES)
    )
    cancelled = 0
    for review in closed:
        review.state = ReviewState.CANCELLED
        review.version += 1
        save_with_history(review, actor=None)
        cancelled += 1
    return cancelled


def _lock_open(review_id: int, *, actor: "User"):
    review = Review.objects.select_for_update().select_related("partnership").get(pk=review_id)
    if not review.is_open:
        raise ValidationError(
            f"This review was {review.get_state_display().lower()} and can no longer be changed"
        )
    if not can_manage_review(actor, review):
        raise PermissionDenied
    return review


@transaction.atomic
def review_bring_forward(review_id: int, due, reason: str, *, actor: "User"):
    """V1: an earlier review, for a reason ("particular circumstances", Melton). The date it
    was first planned for is kept."""
    review = _lock_open(review_id, actor=actor)
    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = "Enter why the review is being brought forward"
    if due is None:
        errors["due"] = "Enter the date the review is now due by"
    elif due >= review.due:
        errors["due"] = f"The new date must be before {review.due:%-d %B %Y}"
    elif due < timezone.localdate():
        errors["due"] = "The new date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    review.planned_due = review.planned_due or review.due
    review.due = due
    review.brought_forward_reason = reason
    review.version += 1
    return save_with_history(review, actor=actor)


def cycle_starts(partnership_ids):
    """Where each partnership's cycle counts from (as _cycle_start), for many at once."""
    completed = dict(
        Review.objects.filter(state=ReviewState.COMPLETED, partnership_id__in=partnership_ids)
        .values("partnership_id")
        .annotate(last=Max("completed_at"))
        .values_list("partnership_id", "last")
    )
    created = Partnership.objects.filter(pk__in=partnership_ids).values_list("pk", "created_at")
    return {pk: timezone.localdate(completed.get(pk) or made) for pk, made in created}


def replanned(review, policy, cycle_start=None):
    """When an open review would fall due, and under what name, on `policy`'s cycle for its
    partnership's tier; a review brought forward keeps the date it was brought forward to."""
    cycle = policy.review_cycle(review.partnership.tier)
    due = review.due
    if not review.brought_forward_reason:
        start = cycle_start or _cycle_start(review.partnership)
        due = add_months(start, cycle["months"])
    return {"due": due, "label": cycle["label"], "requires": list(cycle["requires"])}


@transaction.atomic
def review_replan(review_id: int, policy, *, actor: "User"):
    """V1 after a change of policy: an open review moves to the new cycle (its due date, name
    and what it asks for). Returns the review, or None if nothing changed."""
    review = _lock_open(review_id, actor=actor)
    plan = replanned(review, policy)
    if all(getattr(review, name) == value for name, value in plan.items()):
        return None
    for name, value in plan.items():
        setattr(review, name, value)
    review.version += 1
    return save_with_history(review, actor=actor)


@transaction.atomic
def review_cancel(review_id: int, *, actor: "User"):
    """An open review of a partnership the register no longer holds is cancelled."""
    review = _lock_open(review_id, actor=actor)
    review.state = ReviewState.CANCELLED
    review.version += 1
    return save_with_history(review, actor=actor)


def candidate_forms(review, requirement, policy=None):
    """The forms that can count as this review's assessment or evaluation: the policy's form
    for it, submitted or signed off since the last review (or within one cycle of the first),
    and not already counted by another review."""
    policy = policy or Policy.current()
    assessing = requirement == Requirement.ASSESSMENT
    key = policy.assessment_form if assessing else policy.evaluation_form
    if not key:
        return CompletedForm.objects.none()
    last = _last_completed(review.partnership)
    if last is not None:
        since = last.completed_at
    else:
        months = policy.review_cycle(review.partnership.tier)["months"]
        today = timezone.localdate()
        since = start_of(add_months(today, -months))
    used = Review.objects.filter(state=ReviewState.COMPLETED).values_list(
        "assessment_id" if assessing else "evaluation_id", flat=True
    )
    return (
        CompletedForm.objects.filter(
            partnership=review.partnership,
            template__key=key,
            state__in=[FormState.SUBMITTED, FormState.SIGNED_OFF],
            submitted_at__gte=since,
        )
        .exclude(pk__in=[pk for pk in used if pk])
        .select_related("template")
        .order_by("-submitted_at")
    )


@transaction.atomic
def review_complete(
    review_id: int,
    *,
    actor: "User",
    assessment=None,
    evaluation=None,
    register_confirmed=False,
    conclusions="",
):
    """V1: completes a review once everything it requires is there, and plans the next one
    from today on the policy's cycle for the partnership's tier."""
    review = _lock_open(review_id, actor=actor)
    policy = Policy.current()
    errors = {}
    needs = set(review.requires)
    for requirement, form in [
        (Requirement.ASSESSMENT, assessment),
        (Requirement.EVALUATION, evaluation),
    ]:
        field = str(requirement)
        if requirement in needs and form is None:
            errors[field] = f"Choose the {requirement.label.lower()} this review is based on"
        elif form is not None and not candidate_forms(review, requirement, policy).filter(
            pk=form.pk
        ):
            errors[field] = f"That {requirement.label.lower()} cannot count for this review"
    if Requirement.REGISTER_CONFIRMATION in needs and not register_confirmed:
        errors["register_confirmed"] = "Confirm that the register entry is current"
    conclusions = (conclusions or "").strip()
    if not conclusions:
        errors["conclusions"] = "Enter the review's conclusions"
    if errors:
        raise ValidationError(errors)
    review.assessment = assessment
    review.evaluation = evaluation
    review.register_confirmed = register_confirmed
    review.conclusions = conclusions
    review.state = ReviewState.COMPLETED
    review.completed_by = actor
    review.completed_at = timezone.now()
    review.version += 1
    save_with_history(review, actor=actor)
    tier = review.partnership.tier
    if policy.has_route(ROUTE_KIND, tier):
        route_start(review, ROUTE_KIND, tier, actor=actor)
    next_review = review_plan(review.partnership, actor=actor, policy=policy)
    return review, next_review


@transaction.atomic
def review_send_again(review_id: int, conclusions: str, *, actor: "User"):
    """The committee returned the completed review: its lead officer amends the conclusions
    and it goes to the committee again as a new round. The next review, already planned,
    stays as it is; the conclusions first sent stay in the review's history."""
    review = Review.objects.select_related("partnership").get(pk=review_id)
    if not can_manage_review(actor, review):
        raise PermissionDenied
    lock_returned_route(review, ROUTE_KIND)
    review = Review.objects.select_for_update().select_related("partnership").get(pk=review_id)
    tier = review.partnership.tier
    if not Policy.current().has_route(ROUTE_KIND, tier):
        raise ValidationError("The policy no longer reports reviews to a committee")
    conclusions = (conclusions or "").strip()
    if not conclusions:
        raise ValidationError({"conclusions": "Enter the review's conclusions"})
    review.conclusions = conclusions
    review.version += 1
    save_with_history(review, actor=actor, update_fields=["conclusions", "version"])
    route_start(review, ROUTE_KIND, tier, actor=actor)
    return review


# The end of a completed review's route, told by the route engine (settings.ROUTE_OUTCOMES)
# inside its deciding transaction ------------------------------------------------------------


def route_approved(review, decision, *, actor: "User"):
    """The committee has considered the review: its meeting and minute are kept with it."""
    review = Review.objects.select_for_update().get(pk=review.pk)
    review.considered_on = decision.meeting_date
    review.considered_minute = decision.minute_reference
    review.version += 1
    save_with_history(
        review, actor=actor, update_fields=["considered_on", "considered_minute", "version"]
    )


def route_returned(review, decision, *, actor: "User"):
    """The review stays completed, and the next one stays planned: its lead officer amends
    the conclusions and sends it again (review_send_again), or what the committee asks for is
    taken up in the next review. The decision, with its comment and minute, is the record."""


def route_rejected(review, decision, *, actor: "User"):
    """As for a return: the decision on the route is the record; the review stays completed."""
