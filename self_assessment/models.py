"""The council's assessment of itself as a whole, and its improvement plan.

Nottinghamshire's framework sets standards for excellence in partnership working (Appendix A)
that the council, not any one partnership, is measured against, and recommends what the
council should do to reach them (section 7, Stage 2). The register keeper rates the council
against the standards on the policy's self-assessment form, from time to time, and keeps the
recommendations as the actions of an improvement plan, each with an owner, a due date and a
status. Neither belongs to a partnership, so neither counts in any partnership's score or
priority.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from assessments.models import answer_rows, unanswered


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"


class SelfAssessment(models.Model):
    template = models.ForeignKey(
        "assessments.QuestionnaireTemplate", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.DRAFT)
    # As a completed form keeps them: {question key: {"value": ..., "evidence": "..."}}.
    answers = models.JSONField(default=dict, blank=True)
    # Worked out when completed (assessments.scoring.scores_for).
    scores = models.JSONField(default=dict, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            # Two drafts would split one assessment's answers between them.
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(state="draft"),
                name="one_draft_self_assessment",
            )
        ]

    def __str__(self):
        return f"{self.template.title}, started {self.started_at:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("self_assessment:index")

    @property
    def is_draft(self):
        return self.state == State.DRAFT

    def answer_rows(self):
        return answer_rows(self.template, self.answers)

    def unanswered(self):
        return unanswered(self.template, self.answers)


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"


class ImprovementAction(models.Model):
    """One of the policy's recommendations, taken on as an action of the improvement plan."""

    position = models.PositiveSmallIntegerField()
    recommendation = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="improvement_actions"
    )
    # Set when the owner agrees one; the policy's recommendations come without dates.
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.recommendation[:80]

    def get_absolute_url(self):
        return reverse("self_assessment:action", args=[self.pk])
