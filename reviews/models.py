"""Reviews (V1) and their reminders (V2).

A review is a record, not a date: when it is planned for, what the policy says it needs
(an assessment, an evaluation, the register entry confirmed), who completed it and when.
Each current partnership has exactly one open review; completing it plans the next one on
the policy's cycle for the partnership's tier.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from approvals.models import ConsideredByCommittee
from partnerships.models import CURRENT_STATUSES, AboutAPartnership


class ReviewState(models.TextChoices):
    PLANNED = "planned", "Planned"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class Requirement(models.TextChoices):
    ASSESSMENT = "assessment", "Assessment"
    EVALUATION = "evaluation", "Evaluation report"
    REGISTER_CONFIRMATION = "register_confirmation", "Register entry confirmed as current"


class ReviewQuerySet(models.QuerySet):
    def open(self):
        """The planned reviews of partnerships the register still holds."""
        return self.filter(state=ReviewState.PLANNED, partnership__status__in=CURRENT_STATUSES)

    def overdue(self, today=None):
        return self.open().filter(due__lt=today or timezone.localdate())

    def due_by(self, day):
        """Open reviews due on or before `day`, overdue ones included."""
        return self.open().filter(due__lte=day)

    def led_by(self, user):
        """The reviews of partnerships this person leads or sponsors."""
        return self.filter(
            models.Q(partnership__lead_officer=user) | models.Q(partnership__sponsor=user)
        )


class Review(AboutAPartnership, ConsideredByCommittee):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="reviews"
    )
    label = models.CharField(max_length=100, help_text="The policy's name for it.")
    due = models.DateField("Due by")
    requires = models.JSONField(
        default=list, help_text="What the policy asked of this review when it was planned."
    )
    state = models.CharField(
        max_length=16, choices=ReviewState.choices, default=ReviewState.PLANNED
    )
    # Bringing a review forward keeps the date it was first planned for.
    planned_due = models.DateField(null=True, blank=True)
    brought_forward_reason = models.TextField(blank=True)
    assessment = models.ForeignKey(
        "assessments.CompletedForm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluation = models.ForeignKey(
        "assessments.CompletedForm",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    register_confirmed = models.BooleanField(default=False)
    conclusions = models.TextField(
        blank=True,
        help_text="Is the partnership still relevant to the council's priorities, and is it "
        "effective?",
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Where the policy reports completed reviews to a committee (Melton: Policy, Finance and
    # Administration Committee), its consideration is kept with the review.
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["state", "due"], name="review_timetable")]
        constraints = [
            # V1: one open review per partnership, even if two schedulers run at once.
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(state="planned"),
                name="one_open_review",
            )
        ]

    def __str__(self):
        return f"{self.label} of {self.partnership.name}, due {self.due:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("reviews:review", args=[self.pk])

    @property
    def is_open(self):
        return self.state == ReviewState.PLANNED

    def is_overdue(self, today=None):
        return self.is_open and self.due < (today or timezone.localdate())

    def requirement_labels(self):
        return [Requirement(key).label for key in self.requires]

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return f"{self.label} of {self.partnership.name}"

    @property
    def route_service_id(self):
        return self.partnership.lead_service_id

    @property
    def route_owner(self):
        return self.completed_by

    @property
    def route_pack_url(self):
        """The committee's pack: the assessment the review was based on, printed."""
        if self.assessment_id is None:
            return None
        return reverse("assessments:form_pdf", args=[self.assessment_id])

    @property
    def route_send_again_url(self):
        return reverse("reviews:send_again", args=[self.pk])


class ReminderSent(models.Model):
    """One reminder about one review (V2). The unique key is what stops a reminder going
    twice, whether the command runs twice or on two hosts at once."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=32, help_text="before-30, before-7, overdue-1, ...")
    recipients = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "key"], name="one_reminder_per_key")
        ]

    def __str__(self):
        return f"{self.key} reminder for {self.review}"


class ReportState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"
    RETURNED = "returned", "Returned"
    CONSIDERED = "considered", "Considered"
    REJECTED = "rejected", "Rejected"


class RepresentativeReport(AboutAPartnership, ConsideredByCommittee):
    """An officer representative's annual report on a partnership's achievement against its
    targets and outcomes (Northamptonshire, section 5(b): "Officer representatives will report
    to Corporate Management Team (CMT) annually"). One a partnership a year; it goes along the
    policy's representative_report route, where the policy has one."""

    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="representative_reports",
    )
    year = models.PositiveSmallIntegerField(help_text="The year the report is on.")
    representative = models.ForeignKey(
        "partnerships.Representative",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The officer representative who wrote it, as they sat on the partnership.",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    achievement = models.TextField(
        "Achievement against targets/ outcomes",
        help_text="What the partnership achieved this year against its targets and outcomes.",
    )
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"], name="one_representative_report_a_year"
            )
        ]

    def __str__(self):
        return f"Annual report {self.year}: {self.partnership.name}"

    def get_absolute_url(self):
        return reverse("reviews:report", args=[self.pk])

    @property
    def is_open_to_change(self):
        return self.state in (ReportState.DRAFT, ReportState.RETURNED)

    # What the route engine asks of anything it carries -------------------------------------

    @property
    def route_title(self):
        return f"Officer representative's annual report {self.year}: {self.partnership.name}"

    @property
    def route_service_id(self):
        return self.partnership.lead_service_id

    @property
    def route_owner(self):
        return self.written_by

    @property
    def route_pack_url(self):
        """The committee's pack: the report, printed."""
        return reverse("reviews:report_pdf", args=[self.pk])

    @property
    def route_send_again_url(self):
        """Where the representative amends a report the committee returned."""
        return reverse("reviews:report_send_again", args=[self.pk])
