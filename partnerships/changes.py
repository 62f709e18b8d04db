"""Significant changes (R13): a change to what an active partnership is for, the council's
role in it, its tier or its funding does not take effect when a lead officer makes it. It is
held for the register keeper (South Derbyshire's Head of Corporate Services), who applies it,
sends it to SMT, or declines it. Until then the register shows the approved record.

The register keeper's own edits take effect at once: they are the one who would decide.
"""

import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from accounts.policy import Policy
from accounts.roles import Role
from core.history import save_with_history
from core.notifications import notify

from . import services
from .access import can_maintain_register
from .models import CouncilRole, Partnership, Resource, Status
from .routes import Route
from .routing import route_start

# The parts of the record that only change with approval. A new tier carries the answers
# that decided it.
RECORD_FIELDS = ["remit", "council_role", "tier"]
# What a funding change holds: the whole resource as the lead officer left it.
FUNDING_FIELDS = ["financial_year", "kind", "description", "amount", "hours", "within_budget"]
# Changing any of these on a funding line changes the money the council commits.
MONEY_FIELDS = ["kind", "financial_year", "amount", "within_budget"]
ROUTE_KIND = "significant_change"

# Read by anyone who may take part in deciding a change, and Internal Audit.
READERS = {Role.REGISTER_KEEPER, Role.AUDITOR, Role.SMT, Role.CLERK}


class ChangeState(models.TextChoices):
    WAITING = "waiting", "Waiting for a decision"
    SENT = "sent", "Sent to committee"
    RETURNED = "returned", "Returned by committee"
    APPLIED = "applied", "Applied"
    DECLINED = "declined", "Declined"
    REJECTED = "rejected", "Rejected"


OPEN_STATES = [ChangeState.WAITING, ChangeState.SENT, ChangeState.RETURNED]
# The states in which the next move is the register keeper's.
KEEPER_STATES = [ChangeState.WAITING, ChangeState.RETURNED]


class ChangeKind(models.TextChoices):
    RECORD = "record", "Change to the record"
    ADD_FUNDING = "add_funding", "Funding added"
    CHANGE_FUNDING = "change_funding", "Funding changed"
    REMOVE_FUNDING = "remove_funding", "Funding removed"


class SignificantChangeQuerySet(models.QuerySet):
    def waiting(self):
        """The changes waiting for the register keeper to act, oldest first: their inbox."""
        return (
            self.filter(state__in=KEEPER_STATES)
            .select_related("partnership", "proposed_by")
            .order_by("proposed_at", "pk")
        )

    def open(self):
        """Changes not yet applied, declined or rejected: the record page says they wait."""
        return self.filter(state__in=OPEN_STATES)


class SignificantChange(models.Model):
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="significant_changes"
    )
    kind = models.CharField(max_length=16, choices=ChangeKind.choices, default=ChangeKind.RECORD)
    resource = models.ForeignKey(
        Resource,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The funding line changed or removed.",
    )
    # Field name -> value, before (as approved when it was asked for) and after.
    before = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField("Why the change is needed")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        max_length=16, choices=ChangeState.choices, default=ChangeState.WAITING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = SignificantChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="significant_change_state")]

    def __str__(self):
        return f"{self.summary[:1].upper()}{self.summary[1:]} of {self.partnership}"

    def get_absolute_url(self):
        return reverse("partnerships:change", args=[self.pk])

    @property
    def awaits_keeper(self):
        return self.state in KEEPER_STATES

    @property
    def summary(self):
        """What is changing, to finish a sentence: "the change to ..." / "... is waiting"."""
        if self.kind != ChangeKind.RECORD:
            values = self.after or self.before
            action = {
                ChangeKind.ADD_FUNDING: "new funding",
                ChangeKind.CHANGE_FUNDING: "a change to the funding",
                ChangeKind.REMOVE_FUNDING: "removing the funding",
            }[ChangeKind(self.kind)]
            return f"{action} for {values.get('financial_year', '')}"
        parts = [f"the {_record_label(n).lower()}" for n in RECORD_FIELDS if n in self.after]
        joined = " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts)
        return f"a change to {joined}"

    def rows(self, policy):
        """(what, before, after) for each thing that changes, as a person reads them."""
        if self.kind == ChangeKind.RECORD:
            return [
                (
                    _record_label(name),
                    _record_value(name, self.before.get(name), policy),
                    _record_value(name, self.after.get(name), policy),
                )
                for name in RECORD_FIELDS
                if name in self.after
            ]
        rows = []
        for name in FUNDING_FIELDS:
            old, new = self.before.get(name), self.after.get(name)
            if self.kind == ChangeKind.CHANGE_FUNDING and old == new and name != "financial_year":
                continue
            if old in (None, "") and new in (None, ""):
                continue
            rows.append((_funding_label(name), _funding_value(name, old, self.before),
                         _funding_value(name, new, self.after)))  # fmt: skip
        return rows

    @property
    def tier_answers(self):
        """The answers to the tier test that decide the tier asked for, if it is one."""
        return (self.after.get("tier_answers") or {}).get("answers", [])

    def changed_since(self):
        """The labels of what the record now holds differently from when this was asked for:
        applying it replaces what is there now."""
        if self.kind == ChangeKind.RECORD:
            return [
                _record_label(name)
                for name in RECORD_FIELDS
                if name in self.before and self.before[name] != getattr(self.partnership, name)
            ]
        if self.kind == ChangeKind.ADD_FUNDING:
            return []
        if self.resource is None:
            return ["The funding line has been removed"]
        now = _resource_values(self.resource)
        return [_funding_label(n) for n in FUNDING_FIELDS if now[n] != self.before.get(n)]

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return f"Significant change: {self.partnership.name}"

    @property
    def route_service_id(self):
        return self.partnership.lead_service_id

    @property
    def route_owner(self):
        return self.proposed_by

    def on_route_approved(self, actor, decision):
        """The committee's approval applies the change."""
        _apply(actor, self, f"Approved at {decision.step_label}: {decision.comment}", tell=False)

    def on_route_returned(self, actor, decision):
        """The register stays as it is; the register keeper may send it again or decline it."""
        self.state = ChangeState.RETURNED
        self.decision_note = decision.comment
        save_with_history(self, actor=actor)
        notify(
            _keepers(),
            f"{self.route_title} was returned by {decision.step_label}: send it again or "
            "decline it",
            self,
        )

    def on_route_rejected(self, actor, decision):
        """The register stays as it is."""
        _close(self, actor, ChangeState.REJECTED, decision.comment, tell=False)


def _record_label(name):
    if name == "tier":
        return "Tier"
    label = str(Partnership._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _record_value(name, value, policy):
    if value in (None, ""):
        return "Not recorded"
    if name == "tier":
        return policy.tier_label(value)
    if name == "council_role":
        return str(dict(CouncilRole.choices).get(value, value))
    return value


def _funding_label(name):
    if name == "kind":
        return "What is committed"
    label = str(Resource._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _funding_value(name, value, values):
    if not values:
        return "None"
    if name == "within_budget":
        return "Yes" if value else "No"
    if value in (None, ""):
        return "Not recorded"
    if name == "kind":
        return str(dict(Resource.Kind.choices).get(value, value))
    if name == "amount":
        return f"£{Decimal(value):,.2f}"
    return str(value)


def _resource_values(resource):
    """A resource's fields as the change stores them (amounts as text, to the penny)."""
    if resource is None:
        return {}
    values = {name: getattr(resource, name) for name in FUNDING_FIELDS}
    for name in ["amount", "hours"]:
        if values[name] is not None:
            values[name] = str(values[name])
    return values


def _keepers():
    from accounts.models import User

    return list(User.objects.filter(is_active=True, role=Role.REGISTER_KEEPER))


# Who may do what -------------------------------------------------------------------------


def must_wait(actor, partnership):
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


def open_changes(partnership, user):
    """The record page's notice: the changes still waiting, each marked whether this person
    may open it. One query."""
    waiting = list(partnership.significant_changes.open().order_by("pk"))
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


def _hold(actor, partnership, kind, reason, before, after, resource=None):
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
def partnership_update(actor, partnership_id, seen_version, change_reason="", **fields):
    """An edit of the record (services.partnership_update) in which a lead officer's change
    to the remit, the council's role or the tier of an active partnership is held for the
    register keeper; the rest of the edit is saved. Returns the held change, or None."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    held = {}
    if must_wait(actor, partnership):
        held = {
            name: fields.pop(name)
            for name in RECORD_FIELDS
            if name in fields and fields[name] != getattr(partnership, name)
        }
    # The stale-edit and permission checks come first, and roll back a hold with them.
    partnership = services.partnership_update(actor, partnership_id, seen_version, **fields)
    if not held:
        return None
    before = {name: getattr(partnership, name) for name in held}
    return _hold(actor, partnership, ChangeKind.RECORD, change_reason, before, held)


@transaction.atomic
def partnership_decide_tier(actor, partnership_id, answers):
    """R3 (services.partnership_decide_tier), except that a lead officer's answers that
    change an active partnership's tier are held, with the new tier, for the register
    keeper. Returns (the partnership, the held change or None)."""
    answers = dict(answers)
    reason = answers.pop("change_reason", "")
    partnership = services._lock_for_edit(actor, partnership_id)
    if must_wait(actor, partnership):
        policy = Policy.current()
        tier = policy.decide_tier(answers)
        if tier != partnership.tier:
            before = {"tier": partnership.tier, "tier_answers": partnership.tier_answers}
            after = {"tier": tier, "tier_answers": services.tier_record(policy, answers)}
            held = _hold(actor, partnership, ChangeKind.RECORD, reason, before, after)
            return partnership, held
    return services.partnership_decide_tier(actor, partnership_id, answers), None


def _changes_money(before, item):
    if before is None:
        return item.kind == Resource.Kind.FUNDING
    if Resource.Kind.FUNDING not in (before.kind, item.kind):
        return False
    return any(getattr(before, name) != getattr(item, name) for name in MONEY_FIELDS)


@transaction.atomic
def part_save(actor, partnership_id, item, change_reason=""):
    """Adds or changes a part of the record (services.part_save); a lead officer's new or
    changed funding on an active partnership is held for the register keeper. Returns the
    held change, or None."""
    partnership = services._lock_for_edit(actor, partnership_id)
    if isinstance(item, Resource) and must_wait(actor, partnership):
        before = None
        if item.pk:
            before = Resource.objects.filter(pk=item.pk, partnership=partnership).first()
        if _changes_money(before, item):
            item.partnership = partnership
            item.full_clean()
            kind = ChangeKind.ADD_FUNDING if before is None else ChangeKind.CHANGE_FUNDING
            return _hold(actor, partnership, kind, change_reason, _resource_values(before),
                         _resource_values(item), resource=before)  # fmt: skip
    services.part_save(actor, partnership_id, item)
    return None


def removal_waits(actor, partnership, item):
    return (
        isinstance(item, Resource)
        and item.kind == Resource.Kind.FUNDING
        and must_wait(actor, partnership)
    )


@transaction.atomic
def part_delete(actor, partnership_id, item, change_reason=""):
    """Removes a part of the record (services.part_delete); a lead officer's removal of
    funding from an active partnership is held for the register keeper."""
    partnership = services._lock_for_edit(actor, partnership_id)
    if removal_waits(actor, partnership, item):
        return _hold(actor, partnership, ChangeKind.REMOVE_FUNDING, change_reason,
                     _resource_values(item), {}, resource=item)  # fmt: skip
    services.part_delete(actor, partnership_id, item)
    return None


# The register keeper's decision ------------------------------------------------------------


def _lock_for_keeper(actor, change_id):
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


def _apply(actor, change, note, tell=True):
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
        services._touch(partnership, actor)
    _close(change, actor, ChangeState.APPLIED, note, tell)


@transaction.atomic
def change_apply(actor, change_id, note=""):
    """The register keeper applies the change: it takes effect now."""
    change = _lock_for_keeper(actor, change_id)
    if change.state != ChangeState.WAITING:
        raise ValidationError("A change returned by committee can be sent again or declined")
    _apply(actor, change, (note or "").strip())
    return change


@transaction.atomic
def change_send(actor, change_id, note=""):
    """The register keeper decides the change should be considered by SMT before approval:
    it goes along the policy's route; SMT's approval applies it."""
    change = _lock_for_keeper(actor, change_id)
    partnership = change.partnership
    if not route_steps(Policy.current(), partnership):
        raise ValidationError("The policy has no route for significant changes")
    change.state = ChangeState.SENT
    change.decision_note = (note or "").strip()
    save_with_history(change, actor=actor)
    route_start(actor, change, ROUTE_KIND, partnership.tier)
    return change


@transaction.atomic
def change_decline(actor, change_id, reason):
    """The register keeper declines the change, with the reason: the record stays as it is."""
    change = _lock_for_keeper(actor, change_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"comment": "Enter why you are declining the change"})
    _close(change, actor, ChangeState.DECLINED, reason)
    return change
