"""Proposals (P1): an officer proposes a new partnership, or joining an existing one, by
completing the Partnership Information Form. The partnership record is drafted with it and
enters the register when the route approves it."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from partnerships.models import AboutAPartnership


class ProposalState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Proposal(AboutAPartnership, models.Model):
    class Joining(models.TextChoices):
        NEW = "new", "Setting up a new partnership"
        EXISTING = "existing", "Joining an existing partnership"

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="proposal"
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    joining = models.CharField(max_length=16, choices=Joining.choices, default=Joining.NEW)
    # Alternatives considered first (P1; Northamptonshire section 4).
    alternative_existing = models.TextField("Could an existing partnership do this?", blank=True)
    alternative_consult = models.TextField(
        "Would consulting others, with the council keeping the decision, be enough?", blank=True
    )
    alternative_contract = models.TextField("Would a contract be better?", blank=True)
    # P5: authority beyond the constitution or scheme of delegation needs the extra step.
    needs_extra_authority = models.BooleanField(
        "A representative needs authority beyond the constitution or scheme of delegation",
        default=False,
    )
    extra_authority_reason = models.TextField(blank=True)
    # "Save and come back later" on a page of items with one half-typed: what was typed, by
    # page, kept here rather than as an item that would not pass its checks.
    unfinished_items = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=16, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Proposal: {self.partnership.name}"

    def get_absolute_url(self):
        return reverse("proposals:proposal", args=[self.pk])

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return f"Proposal: {self.partnership.name}"

    @property
    def route_service_id(self):
        """A Head of Service step is held by the head of the proposer's service."""
        return self.proposer.service_id

    @property
    def route_owner(self):
        return self.proposer
