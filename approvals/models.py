"""Approval routes (P3-P7): anything that needs sign-off travels along one.

A Route is one journey of one thing (a proposal now; assessments, evaluations, withdrawals
and significant changes later) along the steps the policy gives for its kind and tier. The
steps are copied onto the route when it starts, so a later change of policy never changes a
journey under way. Each step is decided once, by someone whose role and scope hold it, and
the Decision is kept for good.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.policy import recorded_from


class RouteState(models.TextChoices):
    IN_PROGRESS = "in_progress", "Awaiting a decision"
    RETURNED = "returned", "Returned for changes"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class Outcome(models.TextChoices):
    APPROVED = "approved", "Approve"
    RETURNED = "returned", "Return for changes"
    REJECTED = "rejected", "Reject"


# A decision in the trail reads as what happened, not as the button that was pressed.
DECIDED = {
    Outcome.APPROVED: "Approved",
    Outcome.RETURNED: "Returned for changes",
    Outcome.REJECTED: "Rejected",
}


class ConsideredByCommittee(models.Model):
    """Something the policy sends to a committee once it is done (a review, a register
    review, a Cabinet report). The last committee's consideration is kept with it, as the
    clerk recorded it from the meeting, so its pages and history say when it was considered
    without reading the route."""

    considered_on = models.DateField("Considered on", null=True, blank=True)
    considered_minute = models.CharField("Minute reference", max_length=100, blank=True)

    class Meta:
        abstract = True

    @property
    def route_send_again_url(self):
        """The page where its owner amends it and sends it again once a committee has
        returned it: the inbox leads them there (approvals.inbox)."""
        raise NotImplementedError


class CouncilWideSubject(ConsideredByCommittee):
    """A council-wide subject a committee considers: a register review or a Cabinet report,
    which covers the whole register rather than one partnership. The subclass has closed_by,
    the person who closed it and so sent it."""

    class Meta:
        abstract = True

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return str(self)

    @property
    def route_service_id(self):
        # It is the whole register's, not one service's, so no step is scoped to a service.
        return None

    @property
    def route_owner(self):
        return self.closed_by

    def route_minutes(self):
        # Minutes are kept with a partnership's documents; this has none of its own.
        return None


class RouteQuerySet(models.QuerySet):
    def of(self, subject, kind=None):
        """The route `subject` travels on for `kind` (proposal, assessment, ...), or None.
        Without a kind, the route of something that only ever travels one (a completed form
        goes along the assessment or the evaluation route, whichever it was sent on)."""
        routes = self.filter(
            subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
        )
        return (routes.filter(kind=kind) if kind else routes.order_by("pk")).first()

    def awaiting(self, user):
        """Routes whose current step this user may decide: their inbox of decisions."""
        waiting = self.filter(state=RouteState.IN_PROGRESS, current_holder=user.role)
        waiting = waiting.filter(
            models.Q(current_service__isnull=True) | models.Q(current_service=user.service_id)
        )
        # A step a named post holds waits only for the person in that post.
        outside = [
            route.pk
            for route in waiting
            if route.step.get("posts") and not user.post_among(route.step["posts"])
        ]
        return waiting.exclude(pk__in=outside) if outside else waiting


class Route(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    kind = models.CharField(max_length=32, help_text="Which of the policy's routes: proposal, ...")
    tier = models.CharField(max_length=16)
    # The steps as the policy gave them when the route started: [{key, holder, label,
    # committee}], so that a journey under way never changes.
    steps = models.JSONField()
    current_step = models.PositiveSmallIntegerField(default=0)
    # Who holds the current step, kept here so that an inbox is one indexed query.
    current_holder = models.CharField(max_length=32, blank=True)
    current_service = models.ForeignKey(
        "accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField(
        default=1, help_text="Goes up each time a returned item is sent again."
    )
    state = models.CharField(
        max_length=16, choices=RouteState.choices, default=RouteState.IN_PROGRESS
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = RouteQuerySet.as_manager()

    class Meta:
        ordering = ["started_at", "pk"]
        indexes = [models.Index(fields=["state", "current_holder"], name="route_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "kind"], name="one_route_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.kind} route for {self.subject}"

    @property
    def step(self):
        if self.state != RouteState.IN_PROGRESS:
            return None
        return self.steps[self.current_step]


class Decision(models.Model):
    """One decision at one step, kept as it was made (P7): never edited or deleted through
    the application. The decider's name and role are copied, as they were at that moment."""

    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="decisions")
    round = models.PositiveSmallIntegerField()
    step_index = models.PositiveSmallIntegerField()
    step_key = models.CharField(max_length=32)
    step_label = models.CharField(max_length=200)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    comment = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="decisions"
    )
    decider_name = models.CharField(max_length=200)
    decider_role = models.CharField(max_length=200)
    # A step held by a named post is recorded as that post's decision ("Head of Governance").
    decider_post = models.CharField(max_length=200, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)
    # Committee steps (P4): recorded by a clerk from the meeting.
    meeting_date = models.DateField(null=True, blank=True)
    minute_reference = models.CharField(max_length=100, blank=True)
    minutes = models.ForeignKey(
        settings.ROUTE_MINUTES_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            # The database's own guard against two decisions of one step (P7).
            models.UniqueConstraint(
                fields=["route", "round", "step_index"], name="one_decision_per_step"
            )
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} at {self.step_label} by {self.decider_name}"

    @property
    def recorded_from(self):
        """The words for what the clerk recorded this committee decision from: a meeting and
        its minute, or a Member's decision and its reference."""
        steps = self.route.steps
        return recorded_from(steps[self.step_index] if self.step_index < len(steps) else None)
