from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Kind(models.TextChoices):
    """R1: what an arrangement is, decided before it enters the register."""

    PARTNERSHIP = "partnership", "Partnership"
    CONTRACT = "contract", "Contract for services"
    SHARED_SERVICE = "shared_service", "Shared service"
    JOINT_WORKING = "joint_working", "Joint working, forum or network"
    OUTSIDE_BODY = "outside_body", "Outside body"
    STRATEGIC_PARTNERING = "strategic_partnering", "Strategic partnering"


class Status(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    REJECTED = "rejected", "Rejected"
    EXITING = "exiting", "Exiting"
    CEASED = "ceased", "Ceased"


class Tier(models.TextChoices):
    """R3: the policy names the significant tier (significant, key, ...)."""

    SIGNIFICANT = "significant", "Significant"
    STANDARD = "standard", "Standard"


class PartnershipQuerySet(models.QuerySet):
    def search(self, text):
        text = (text or "").strip()
        return self.filter(name__icontains=text) if text else self

    def in_register_order(self):
        return self.order_by("name", "pk")


class Partnership(models.Model):
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.PARTNERSHIP)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    tier = models.CharField(max_length=16, choices=Tier.choices, default=Tier.STANDARD)
    statutory = models.BooleanField(default=False)
    lead_service = models.ForeignKey(
        "accounts.Service", on_delete=models.PROTECT, related_name="partnerships"
    )
    lead_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_partnerships",
    )
    remit = models.TextField("Main purpose or remit")
    monitoring_arrangements = models.TextField(blank=True)
    additional_monitoring_required = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["name", "lead_service"], name="unique_name_per_service")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])
