"""Whether the register is published as open data, and which of its fields."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .fields import DEFAULT_FIELDS


def default_fields():
    return list(DEFAULT_FIELDS)


class OpenDataSettings(models.Model):
    """One row per installation, kept by the register keeper."""

    published = models.BooleanField(default=False)
    fields = models.JSONField(default=default_fields)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "open data settings"
        verbose_name_plural = "open data settings"

    def __str__(self):
        return "Open data: published" if self.published else "Open data: not published"

    @classmethod
    def current(cls):
        """The settings in force; unsaved defaults (not published) until the keeper saves."""
        return cls.objects.filter(pk=1).first() or cls()
