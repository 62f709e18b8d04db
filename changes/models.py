"""Significant changes (R13): a change to what an active partnership is for, the council's
role in it, its tier or its funding does not take effect when a lead officer makes it. It is
held for the register keeper (South Derbyshire's Head of Corporate Services), who applies it,
sends it to SMT, or declines it. Until then the register shows the approved record.

The register keeper's own edits take effect at once: they are the one who would decide.
"""

from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from partnerships.models import AboutAPartnership, CouncilRole, Partnership, Resource

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


class SignificantChange(AboutAPartnership, models.Model):
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
        return reverse("changes:change", args=[self.pk])

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
        now = resource_values(self.resource)
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


def resource_values(resource):
    """A resource's fields as the change stores them (amounts as text, to the penny)."""
    if resource is None:
        return {}
    values = {name: getattr(resource, name) for name in FUNDING_FIELDS}
    for name in ["amount", "hours"]:
        if values[name] is not None:
            values[name] = str(values[name])
    return values
