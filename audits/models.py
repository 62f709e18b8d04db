"""Internal audit spot checks (V6): a random sample of partnerships drawn so that anyone can
draw it again, a documentation checklist for each partnership in it, and what the auditor
found, with the follow-up actions.

South Derbyshire: "Internal Audit will undertake spot checks of individual partnership
documentation to ensure partnerships meet the Council's requirements and to provide an
independent assessment for SMT." Business rules live in services.py.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class SpotCheckState(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class SpotCheck(models.Model):
    title = models.CharField(max_length=200)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="spot_checks"
    )
    state = models.CharField(
        max_length=16, choices=SpotCheckState.choices, default=SpotCheckState.IN_PROGRESS
    )
    # The draw, recorded so that it can be made again: the seed, the filters that made the
    # population, the population itself (partnership ids in pk order) and a digest of it.
    seed = models.PositiveBigIntegerField()
    sample_size = models.PositiveSmallIntegerField()
    filters = models.JSONField(default=dict)
    population_ids = models.JSONField(default=list)
    population_digest = models.CharField(max_length=64)
    sample_ids = models.JSONField(default=list, help_text="In the order they were drawn.")
    drawn_at = models.DateTimeField(default=timezone.now)
    conclusion = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-drawn_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("audits:spot_check", args=[self.pk])

    @property
    def is_completed(self):
        return self.state == SpotCheckState.COMPLETED


class Outcome(models.TextChoices):
    """What the auditor confirms for each item of documentation."""

    FOUND = "found", "Found"
    MISSING = "missing", "Missing"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class RegisterShows(models.TextChoices):
    """What the register showed for an item when the sample was drawn."""

    PRESENT = "present", "Present"
    MISSING = "missing", "Missing"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class SampledPartnership(models.Model):
    spot_check = models.ForeignKey(SpotCheck, on_delete=models.CASCADE, related_name="sampled")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(help_text="Its place in the draw, from 1.")
    checked_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["spot_check", "position"]
        constraints = [
            models.UniqueConstraint(fields=["spot_check", "partnership"], name="audit_sampled_once")
        ]

    def __str__(self):
        return f"{self.partnership} in {self.spot_check}"

    def get_absolute_url(self):
        return reverse("audits:checklist", args=[self.spot_check_id, self.pk])

    @property
    def is_checked(self):
        return self.checked_at is not None


class ChecklistItem(models.Model):
    """One item of documentation for one sampled partnership: what the register showed, and
    what the auditor confirmed with a note when they disagree."""

    sampled = models.ForeignKey(SampledPartnership, on_delete=models.CASCADE, related_name="items")
    key = models.CharField(max_length=32)
    position = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=200)
    register_shows = models.CharField(max_length=16, choices=RegisterShows.choices)
    register_detail = models.TextField(blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sampled", "position"]
        constraints = [models.UniqueConstraint(fields=["sampled", "key"], name="audit_item_once")]

    def __str__(self):
        return f"{self.label}: {self.get_outcome_display() or 'not yet checked'}"

    @property
    def overridden(self):
        """The auditor found something other than the register shows."""
        expected = {
            RegisterShows.PRESENT: Outcome.FOUND,
            RegisterShows.MISSING: Outcome.MISSING,
            RegisterShows.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
        }[self.register_shows]
        return bool(self.outcome) and self.outcome != expected


class RiskRating(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Finding(models.Model):
    spot_check = models.ForeignKey(SpotCheck, on_delete=models.CASCADE, related_name="findings")
    # Optional: a finding may be about the whole sample rather than one partnership in it.
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField("What was found")
    risk_rating = models.CharField(max_length=16, choices=RiskRating.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["spot_check", "recorded_at", "pk"]

    def __str__(self):
        return self.description[:80]


class FollowUpAction(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField("What must be done")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_actions"
    )
    due = models.DateField("Due by")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    progress = models.TextField("Progress", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("audits:action", args=[self.pk])

    @property
    def is_open(self):
        return self.status != self.Status.DONE

    def is_overdue(self, today=None):
        return self.is_open and self.due < (today or timezone.localdate())
