"""Changing the policy on a register that holds data (issue "Every council's own framework",
item 7): what another preset would change is shown to the register keeper first, and nothing
changes until they apply it. Applying is one transaction: the policy, then the records whose
kind the register no longer holds (excluded, with the keeper's reason), then the open reviews
moved to the new cycles. Routes already under way keep the steps they started with, since a
route copies its steps when it starts. Every change is in its record's history."""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from accounts.policy import Policy, preset_keys
from accounts.services import policy_apply_preset
from approvals.models import Route, RouteState
from assessments.models import QuestionnaireTemplate
from partnerships.access import can_maintain_register
from partnerships.models import CURRENT_STATUSES, Kind, Partnership
from partnerships.services import partnership_exclude
from reviews.models import Review, ReviewState
from reviews.services import cycle_starts, replanned, review_cancel, review_replan

if TYPE_CHECKING:
    from accounts.models import User


@dataclass
class Preview:
    """What applying `proposed` would do to the register as it is now."""

    current: Policy
    proposed: Policy
    excluded: list = field(default_factory=list)  # partnerships to be excluded
    replanned: list = field(default_factory=list)  # (review, {due, label, requires})
    cancelled: list = field(default_factory=list)  # reviews of partnerships to be excluded
    routes_under_way: int = 0
    kinds_no_longer_held: list = field(default_factory=list)  # labels
    # Forms the new policy does not use: no longer offered, though any completed or started
    # still open and print as they were answered.
    forms_no_longer_offered: list = field(default_factory=list)  # titles


def proposed_policy(preset):
    if preset not in preset_keys():
        raise ValidationError({"preset": "Select one of the councils' policies"})
    return Policy.from_preset(preset)


def policy_change_preview(preset, *, lock=False):
    """What changing to `preset` would do: nothing is written."""
    current = Policy.current()
    proposed = proposed_policy(preset)
    preview = Preview(current=current, proposed=proposed)
    preview.kinds_no_longer_held = [
        label for value, label in Kind.choices
        if current.holds_kind(value) and not proposed.holds_kind(value)
    ]  # fmt: skip
    dropped = [key for key in current.offered_forms() if key not in proposed.offered_forms()]
    titles = dict(QuestionnaireTemplate.objects.filter(key__in=dropped).values_list("key", "title"))
    preview.forms_no_longer_offered = [titles.get(key, key) for key in dropped]
    partnerships = Partnership.objects.filter(status__in=CURRENT_STATUSES).order_by("name")
    if lock:
        partnerships = partnerships.select_for_update()
    preview.excluded = [p for p in partnerships if not proposed.holds_kind(p.kind)]
    leaving = {p.pk for p in preview.excluded}
    reviews = list(
        Review.objects.filter(state=ReviewState.PLANNED)
        .select_related("partnership")
        .order_by("due", "pk")
    )
    starts = cycle_starts([review.partnership_id for review in reviews])
    for review in reviews:
        if review.partnership_id in leaving:
            preview.cancelled.append(review)
            continue
        plan = replanned(review, proposed, starts[review.partnership_id])
        if any(getattr(review, name) != value for name, value in plan.items()):
            preview.replanned.append((review, plan))
    preview.routes_under_way = Route.objects.filter(state=RouteState.IN_PROGRESS).count()
    return preview


@transaction.atomic
def policy_change_apply(preset, reason: str, *, actor: "User"):
    """Applies `preset` and what follows from it, all or nothing."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    Policy.objects.select_for_update().order_by("pk").first()  # one change at a time
    preview = policy_change_preview(preset, lock=True)
    reason = (reason or "").strip()
    if preview.excluded and not reason:
        raise ValidationError(
            {"reason": "Enter why these records are now excluded from the register"}
        )
    policy = policy_apply_preset(preset, actor=actor)
    for partnership in preview.excluded:
        partnership_exclude(partnership.pk, reason, actor=actor)
    for review in preview.cancelled:
        review_cancel(review.pk, actor=actor)
    for review, _plan in preview.replanned:
        review_replan(review.pk, policy, actor=actor)
    return preview
