from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from partnerships.access import can_maintain_register

from .fields import FIELDS
from .models import OpenDataSettings

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def open_data_configure(*, actor: "User", published, fields):
    """The register keeper switches open data on or off and chooses what it publishes."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError({"fields": f"Unknown fields: {', '.join(sorted(unknown))}"})
    if published and "name" not in fields:
        raise ValidationError({"fields": "Publish at least the name of each partnership"})
    # One row, always number 1, so that two first saves at once cannot make two.
    OpenDataSettings.objects.get_or_create(pk=1)
    chosen = OpenDataSettings.objects.select_for_update().get(pk=1)
    chosen.published = published
    chosen.fields = [key for key in FIELDS if key in fields]
    chosen.updated_by = actor
    chosen._history_user = actor
    chosen.save()
    return chosen
