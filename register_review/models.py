"""The annual register review (V3).

Once a year (South Derbyshire: May or June, with service planning) the register keeper asks
every lead officer to confirm that each current partnership they lead is still recorded as it
is, or to update it. The keeper chases what is outstanding and closes the review; closing
keeps a snapshot of the report for SMT and Leading Members, so the paper they read does not
change when the register does.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from accounts.roles import Role
from approvals.models import CouncilWideSubject


class ReviewState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Outcome(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    CONFIRMED = "confirmed", "Confirmed as current"
    UPDATED = "updated", "Updated"


class RegisterReviewQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=ReviewState.OPEN)

    def closed(self):
        return self.filter(state=ReviewState.CLOSED)


class RegisterReview(CouncilWideSubject):
    year = models.PositiveSmallIntegerField(unique=True)
    confirm_by = models.DateField("Confirmations due by")
    state = models.CharField(max_length=8, choices=ReviewState.choices, default=ReviewState.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    # The report as it stood when the review closed (see report.py for its shape). Where the
    # policy sends it to its committees (V3), the last one's consideration is kept with it.
    report = models.JSONField(default=dict, blank=True)
    history = HistoricalRecords()

    objects = RegisterReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        constraints = [
            # Two open reviews would ask lead officers the same question twice.
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(state="open"),
                name="one_open_register_review",
            )
        ]

    def __str__(self):
        return f"Register review {self.year}"

    def get_absolute_url(self):
        # Once closed, the review is read as its report: that is what the committees and the
        # clerk who records their decision open, and what they may read.
        if self.state == ReviewState.CLOSED:
            return reverse("register_review:report", args=[self.pk])
        return reverse("register_review:review", args=[self.pk])

    @property
    def is_open(self):
        return self.state == ReviewState.OPEN

    @property
    def route_pack_url(self):
        """The committee's pack: the report as it stood when the review closed."""
        return reverse("register_review:report_pdf", args=[self.pk])

    @property
    def route_send_again_url(self):
        return reverse("register_review:send_again", args=[self.pk])


class EntryQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(outcome=Outcome.OUTSTANDING)

    def for_confirmer(self, user):
        """The entries this person confirms: the ones they lead and, for the register keeper,
        the ones nobody leads."""
        mine = models.Q(partnership__lead_officer=user.pk)
        if user.has_role(Role.REGISTER_KEEPER):
            mine |= models.Q(partnership__lead_officer__isnull=True)
        return self.filter(mine)


class Entry(models.Model):
    """One partnership in one year's review. Who confirms it follows the partnership's lead
    officer as it is now, so a handover mid-review passes the entry on."""

    review = models.ForeignKey(RegisterReview, on_delete=models.CASCADE, related_name="entries")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="register_reviews"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.OUTSTANDING)
    note = models.TextField(blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["partnership__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "partnership"], name="one_entry_per_partnership_per_review"
            )
        ]
        indexes = [models.Index(fields=["review", "outcome"], name="register_review_outcome")]

    def __str__(self):
        return f"{self.partnership} in {self.review}"

    def get_absolute_url(self):
        return reverse("register_review:confirm", args=[self.pk])

    @property
    def is_outstanding(self):
        return self.outcome == Outcome.OUTSTANDING


class Chase(models.Model):
    """One reminder to every lead officer with entries outstanding (who, when, how many)."""

    review = models.ForeignKey(RegisterReview, on_delete=models.CASCADE, related_name="chases")
    chased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    chased_at = models.DateTimeField(auto_now_add=True)
    officers = models.PositiveIntegerField("Lead officers emailed")
    entries = models.PositiveIntegerField("Entries outstanding")
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["-chased_at", "-pk"]

    def __str__(self):
        return f"Chase of {self.review} on {self.chased_at:%-d %B %Y}"
