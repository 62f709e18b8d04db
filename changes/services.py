"""Significant changes (R13): holding a lead officer's change for the register keeper, and
the keeper's decision: apply it, send it along the policy's route to SMT, or decline it.

The register keeper's own edits take effect at once: they are the one who would decide.
"""

import json
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from accounts.policy import Policy
from accounts.roles import Role
from approvals.models import Route
from approvals.services import route_start
from core.history import save_with_history
from core.notifications import notify
from core.prepared import prepared
from partnerships import services
from partnerships.access import can_maintain_register
from partnerships.models import Partnership, Resource, Status

from .models import (
    KEEPER_STATES,
    MONEY_FIELDS,
    READERS,
    RECORD_FIELDS,
    ROUTE_KIND,
    ChangeKind,
    ChangeState,
    SignificantChange,
    resource_values,
)

if TYPE_CHECKING:
    from accounts.models import User


def _keepers():
    from accounts.models import User

    return list(User.objects.filter(is_active=True, role=Role.REGISTER_KEEPER))


# Who may do what -------------------------------------------------------------------------


def must_wait(partnership, *, actor: "User"):
    """R13: whether this person's significant changes to this partnership wait for the
    register keeper. Only an active partnership's approved record is protected; a proposal
    has its own route."""
    return partnership.status == Status.ACTIVE and not can_maintain_register(actor)


def can_decide_change(user):
    return can_maintain_register(user)


def can_see_change(user, change):
    """The people who decide, Internal Audit, and the lead officer who asked or leads it."""
    return user.has_role(*READERS) or (
        user.is_active and user.pk in (change.proposed_by_id, change.partnership.lead_officer_id)
    )


@prepared
def waiting_changes_of(partnership_id):
    return SignificantChange.objects.filter(partnership_id=partnership_id).open().order_by("pk")


def open_changes(partnership, user):
    """The record page's notice: the changes still waiting, each marked whether this person
    may open it. One query."""
    waiting = waiting_changes_of(partnership.pk)
    for change in waiting:
        change.partnership = partnership
        change.visible = can_see_change(user, change)
    return waiting


def route_for(change):
    return Route.objects.of(change, ROUTE_KIND)


def route_steps(policy, partnership):
    """The steps a change would be sent along, or [] when the policy has no such route."""
    try:
        return policy.route_steps(ROUTE_KIND, partnership.tier)
    except KeyError:
        return []


# Holding a lead officer's change -----------------------------------------------------------


def _hold(partnership, kind, reason: str, before, after, resource=None, *, actor: "User"):
    reason = (reason or "").strip()
    change = SignificantChange(
        partnership=partnership,
        kind=kind,
        resource=resource,
        before=before,
        after=after,
        reason=reason,
        proposed_by=actor,
    )
    if not reason:
        raise ValidationError({"change_reason": f"Enter why {change.summary} is needed"})
    if kind == ChangeKind.RECORD:
        # Saving the same edit twice asks once.
        for waiting in partnership.significant_changes.filter(
            kind=kind, state=ChangeState.WAITING, proposed_by=actor
        ):
            if _same(waiting.after, after):
                return waiting
    save_with_history(change, actor=actor)
    notify(_keepers(), f"{change.route_title} is waiting for your decision", change)
    return change


def _same(stored, values):
    """Whether stored JSON values equal these, compared as they are stored."""
    return stored == json.loads(json.dumps(values, cls=DjangoJSONEncoder))


@transaction.atomic
def partnership_update_or_hold(
    partnership_id: int, seen_version: int, change_reason: str = "", *, actor: "User", **fields
):
    """An edit of the record (services.partnership_update) in which a lead officer's change
    to the remit, the council's role or the tier of an active partnership is held for the
    register keeper; the rest of the edit is saved. Returns the held change, or None."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    held = {}
    if must_wait(partnership, actor=actor):
        held = {
            name: fields.pop(name)
            for name in RECORD_FIELDS
            if name in fields and fields[name] != getattr(partnership, name)
        }
    # The stale-edit and permission checks come first, and roll back a hold with them.
    partnership = services.partnership_update(partnership_id, seen_version, **fields, actor=actor)
    if not held:
        return None
    before = {name: getattr(partnership, name) for name in held}
    return _hold(partnership, ChangeKind.RECORD, change_reason, before, held, actor=actor)


@transaction.atomic
def tier_decide_or_hold(partnership_id: int, answers: dict, *, actor: "User"):
    """R3 (services.partnership_decide_tier), except that a lead officer's answers that
    change an active partnership's tier are held, with the new tier, for the register
    keeper. Returns (the partnership, the held change or None)."""
    answers = dict(answers)
    reason = answers.pop("change_reason", "")
    partnership = services.lock_for_edit(partnership_id, actor=actor)
    if must_wait(partnership, actor=actor):
        policy = Policy.current()
        tier = policy.decide_tier(answers)
        if tier != partnership.tier:
            before = {"tier": partnership.tier, "tier_answers": partnership.tier_answers}
            after = {"tier": tier, "tier_answers": services.tier_record(policy, answers)}
            held = _hold(partnership, ChangeKind.RECORD, reason, before, after, actor=actor)
            return partnership, held
    return services.partnership_decide_tier(partnership_id, answers, actor=actor), None


def _changes_money(before, item):
    if before is None:
        return item.kind == Resource.Kind.FUNDING
    if Resource.Kind.FUNDING not in (before.kind, item.kind):
        return False
    return any(getattr(before, name) != getattr(item, name) for name in MONEY_FIELDS)


@transaction.atomic
def part_save_or_hold(partnership_id: int, item, change_reason: str = "", *, actor: "User"):
    """Adds or changes a part of the record (services.part_save); a lead officer's new or
    changed funding on an active partnership is held for the register keeper. Returns the
    held change, or None."""
    partnership = services.lock_for_edit(partnership_id, actor=actor)
    if isinstance(item, Resource) and must_wait(partnership, actor=actor):
        before = None
        if item.pk:
            before = Resource.objects.filter(pk=item.pk, partnership=partnership).first()
        if _changes_money(before, item):
            item.partnership = partnership
            item.full_clean()
            kind = ChangeKind.ADD_FUNDING if before is None else ChangeKind.CHANGE_FUNDING
            return _hold(partnership, kind, change_reason, resource_values(before),
                         resource_values(item), resource=before, actor=actor)  # fmt: skip
    services.part_save(partnership_id, item, actor=actor)
    return None


def removal_waits(partnership, item, *, actor: "User"):
    return (
        isinstance(item, Resource)
        and item.kind == Resource.Kind.FUNDING
        and must_wait(partnership, actor=actor)
    )


@transaction.atomic
def part_delete_or_hold(partnership_id: int, item, change_reason: str = "", *, actor: "User"):
    """Removes a part of the record (services.part_delete); a lead officer's removal of
    funding from an active partnership is held for the register keeper."""
    partnership = services.lock_for_edit(partnership_id, actor=actor)
    if removal_waits(partnership, item, actor=actor):
        return _hold(partnership, ChangeKind.REMOVE_FUNDING, change_reason,
                     resource_values(item), {}, resource=item, actor=actor)  # fmt: skip
    services.part_delete(partnership_id, item, actor=actor)
    return None


# The register keeper's decision ------------------------------------------------------------


def _lock_for_keeper(change_id: int, *, actor: "User"):
    if not can_decide_change(actor):
        raise PermissionDenied
    change = (
        SignificantChange.objects.select_for_update(of=("self",))
        .select_related("proposed_by")
        .get(pk=change_id)
    )
    if change.state not in KEEPER_STATES:
        raise ValidationError("This change has already been decided")
    return change


def _close(change, actor, state, note, tell=True):
    """Records the outcome. The route engine tells the proposer of a committee's decision
    itself (tell=False), so they hear of it once."""
    change.state = state
    change.decided_by = actor
    change.decided_at = timezone.now()
    change.decision_note = note
    save_with_history(change, actor=actor)
    if tell:
        notify(
            [change.proposed_by],
            f"{change.route_title}: {ChangeState(state).label.lower()}",
            change,
        )


def _apply(change, note: str, tell=True, *, actor: "User"):
    """Makes the change to the record. The history names who applied it; its reason names
    who asked for it."""
    partnership = Partnership.objects.select_for_update().get(pk=change.partnership_id)
    why = f"Significant change {change.pk}, asked for by {change.proposed_by.display_name}"
    values = dict(change.after)
    if change.kind == ChangeKind.RECORD:
        for name, value in values.items():
            setattr(partnership, name, value)
        partnership.full_clean()
        partnership.version += 1
        partnership._change_reason = why[:100]
        save_with_history(partnership, actor=actor)
    else:
        resource = None
        if change.kind != ChangeKind.ADD_FUNDING:
            resource = (
                Resource.objects.select_for_update()
                .filter(pk=change.resource_id, partnership=partnership)
                .first()
            )
            if resource is None:
                raise ValidationError(
                    "The funding line this change is about has since been removed from the "
                    "record, so the change cannot be applied. Decline or reject it instead."
                )
        resource = resource or Resource(partnership=partnership)
        resource._change_reason = why[:100]
        if change.kind == ChangeKind.REMOVE_FUNDING:
            resource._history_user = actor
            resource.delete()
            change.resource = None  # gone; `before` keeps what it was
        else:
            for name, value in values.items():
                setattr(resource, name, value)
            resource.full_clean()
            save_with_history(resource, actor=actor)
        services.touch(partnership, actor=actor)
    _close(change, actor, ChangeState.APPLIED, note, tell)


@transaction.atomic
def change_apply(change_id: int, note: str = "", *, actor: "User"):
    """The register keeper applies the change: it takes effect now."""
    change = _lock_for_keeper(change_id, actor=actor)
    if change.state != ChangeState.WAITING:
        raise ValidationError("A change returned by committee can be sent again or declined")
    _apply(change, (note or "").strip(), actor=actor)
    return change


@transaction.atomic
def change_send(change_id: int, note: str = "", *, actor: "User"):
    """The register keeper decides the change should be considered by SMT before approval:
    it goes along the policy's route; SMT's approval applies it."""
    change = _lock_for_keeper(change_id, actor=actor)
    partnership = change.partnership
    if not route_steps(Policy.current(), partnership):
        raise ValidationError("The policy has no route for significant changes")
    change.state = ChangeState.SENT
    change.decision_note = (note or "").strip()
    save_with_history(change, actor=actor)
    route_start(change, ROUTE_KIND, partnership.tier, actor=actor)
    return change


@transaction.atomic
def change_decline(change_id: int, reason: str, *, actor: "User"):
    """The register keeper declines the change, with the reason: the record stays as it is."""
    change = _lock_for_keeper(change_id, actor=actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"comment": "Enter why you are declining the change"})
    _close(change, actor, ChangeState.DECLINED, reason)
    return change


# What a committee decided, told by the route engine (settings.ROUTE_OUTCOMES) inside its
# deciding transaction ------------------------------------------------------------------------


def route_approved(change, decision, *, actor: "User"):
    """The committee's approval applies the change."""
    change = SignificantChange.objects.select_for_update().get(pk=change.pk)
    _apply(
        change, f"Approved at {decision.step_label}: {decision.comment}", tell=False, actor=actor
    )


def route_returned(change, decision, *, actor: "User"):
    """The register stays as it is; the register keeper may send it again or decline it."""
    change = SignificantChange.objects.select_for_update().get(pk=change.pk)
    change.state = ChangeState.RETURNED
    change.decision_note = decision.comment
    save_with_history(change, actor=actor)
    notify(
        _keepers(),
        f"{change.route_title} was returned by {decision.step_label}: send it again or decline it",
        change,
    )


def route_rejected(change, decision, *, actor: "User"):
    """The register stays as it is."""
    change = SignificantChange.objects.select_for_update().get(pk=change.pk)
    _close(change, actor, ChangeState.REJECTED, decision.comment, tell=False)
