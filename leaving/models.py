"""Leaving a partnership (V7): a withdrawal proposal, with the risk analysis of withdrawal,
the handover and continuity arrangements, the exit strategy and, for a statutory or
contractual partnership, the legal and financial advice taken. It travels the policy's
withdrawal route; once approved the partnership is exiting, and it ceases when its cessation
evaluation is accepted (assessments, A6)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.models import AboutAPartnership

ROUTE_KIND = "withdrawal"


class WithdrawalState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


# Still being written or decided: a partnership has at most one of these at a time.
OPEN_STATES = [WithdrawalState.DRAFT, WithdrawalState.SUBMITTED, WithdrawalState.RETURNED]
EDITABLE_STATES = [WithdrawalState.DRAFT, WithdrawalState.RETURNED]


class Withdrawal(AboutAPartnership, models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="withdrawals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reasons = models.TextField("Why should the council leave the partnership?", blank=True)
    # The risk analysis of withdrawal (Northamptonshire 3.1.2).
    risks = models.TextField("What are the risks of leaving?", blank=True)
    handover = models.TextField(
        "How will the council's responsibilities in the partnership be handed over?", blank=True
    )
    continuity = models.TextField(
        "How will services to residents continue after the council leaves?", blank=True
    )
    exit_strategy = models.TextField("Exit strategy", blank=True)
    exit_date = models.DateField("Proposed exit date", null=True, blank=True)
    legal_advice = models.TextField("Legal advice taken", blank=True)
    financial_advice = models.TextField("Financial advice taken", blank=True)
    state = models.CharField(
        max_length=16, choices=WithdrawalState.choices, default=WithdrawalState.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_withdrawal_per_partnership",
            )
        ]

    def __str__(self):
        return self.route_title

    def get_absolute_url(self):
        return reverse("leaving:withdrawal", args=[self.pk])

    @property
    def is_editable(self):
        return self.state in EDITABLE_STATES

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return f"Leaving: {self.partnership.name}"

    @property
    def route_service_id(self):
        """A Head of Service step is held by the head of the partnership's lead service."""
        return self.partnership.lead_service_id

    @property
    def route_owner(self):
        return self.proposed_by
