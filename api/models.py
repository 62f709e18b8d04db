"""API tokens: how another system (a dashboard, the council's website) reads the register.

A token stands for one role, and for a service where that role is scoped, so it reads what a
person in that role may read and no more. Only a SHA-256 digest of its secret is kept: a
copy of the database does not hand out working tokens.
"""

import hashlib

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from accounts.roles import Role


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(
        max_length=200, help_text="The system that uses it, for example 'Power BI dashboard'."
    )
    role = models.CharField(
        max_length=32,
        choices=[(r.value, r.label) for r in Role if r != Role.ADMIN],
        help_text="The token reads what a person in this role may read.",
    )
    service = models.ForeignKey(
        "accounts.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="For a role scoped to one service area (Head of Service).",
    )
    # The first characters of the secret, so that a log line or a leaked token can be matched
    # to its record without the secret.
    prefix = models.CharField(max_length=16, editable=False)
    secret_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens_issued",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="api_tokens_revoked",
        editable=False,
    )
    # last_used changes on use and is not worth a history row each time.
    history = HistoricalRecords(excluded_fields=["last_used"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None
