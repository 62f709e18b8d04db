"""Prioritisation (V8) and the Cabinet key partnerships report (V5).

The SMT annual summary (V4) keeps no records of its own: it is worked out from the register
whenever it is read (summary.py), so it can never disagree with the register.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from approvals.models import CouncilWideSubject


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Prioritisation(models.Model):
    """The register keeper's judgement of one partnership's priority (Nottinghamshire 000
    s7: "clarify which partnerships have a higher priority than others"). Low ones may be
    marked as candidates for withdrawal, with the reasons on record."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="prioritisation"
    )
    priority = models.CharField(max_length=8, choices=Priority.choices)
    withdrawal_candidate = models.BooleanField("Candidate for withdrawal", default=False)
    withdrawal_reasons = models.TextField("Reasons for considering withdrawal", blank=True)
    notes = models.TextField(blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawal_candidate=False) | models.Q(priority="low"),
                name="only_low_priority_withdrawal_candidates",
            )
        ]

    def __str__(self):
        return f"{self.partnership.name}: {self.get_priority_display()} priority"


class CabinetReportState(models.TextChoices):
    OPEN = "open", "Being written"
    CLOSED = "closed", "Closed"


class CabinetReport(CouncilWideSubject):
    """One bi-annual performance report on the key partnerships to Executive Cabinet
    (Chorley 003, "Monitoring and review arrangements for key partnerships")."""

    period_start = models.DateField("Start of the period")
    period_end = models.DateField("End of the period")
    state = models.CharField(
        max_length=8, choices=CabinetReportState.choices, default=CabinetReportState.OPEN
    )
    introduction = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            # One report being written at a time: lead officers get one task, not two.
            models.UniqueConstraint(
                fields=["state"], condition=models.Q(state="open"), name="one_open_cabinet_report"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="cabinet_report_period_in_order",
            ),
        ]

    def __str__(self):
        return f"Performance report, {self.period_label}"

    def get_absolute_url(self):
        return reverse("reports:cabinet_report", args=[self.pk])

    @property
    def route_send_again_url(self):
        return reverse("reports:cabinet_send_again", args=[self.pk])

    @property
    def period_label(self):
        if self.period_start.year == self.period_end.year:
            return f"{self.period_start:%B} to {self.period_end:%B %Y}"
        return f"{self.period_start:%B %Y} to {self.period_end:%B %Y}"

    @property
    def is_open(self):
        return self.state == CabinetReportState.OPEN

    @property
    def route_pack_url(self):
        """The committee's pack: the printed report. Where the policy sends the closed report
        to Cabinet (V5), Cabinet's consideration is kept with it."""
        return reverse("reports:cabinet_pdf", args=[self.pk])


class OnBudget(models.TextChoices):
    YES = "yes", "Yes, on budget"
    NO = "no", "No, not on budget"
    NOT_APPLICABLE = "not_applicable", "No contract or budget to report on"


class CabinetEntry(models.Model):
    """What the report says about one key partnership: the four things Chorley's framework
    says the report must tell members."""

    report = models.ForeignKey(CabinetReport, on_delete=models.CASCADE, related_name="entries")
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="cabinet_entries"
    )
    performance = models.TextField("Performance against this year's targets", blank=True)
    emerging_issues = models.TextField("Emerging issues", blank=True)
    on_budget = models.CharField(
        "Are contracts on budget?", max_length=16, choices=OnBudget.choices, blank=True
    )
    partner_strength = models.TextField("Key partners' strength and stability", blank=True)
    changes = models.TextField("Changes since the last report", blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership__name", "pk"]
        verbose_name_plural = "Cabinet entries"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "partnership"], name="one_entry_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.partnership.name} in {self.report}"

    def get_absolute_url(self):
        return reverse("reports:cabinet_entry", args=[self.pk])

    @property
    def is_written(self):
        return self.written_at is not None
