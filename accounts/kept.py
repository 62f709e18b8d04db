"""What a person typed when their session ended, kept so that signing in again loses nothing.

A POST that arrives after the time-out is not applied: its fields are kept here against a
one-time key, and the sign-in page sends the person back to the same form with that key.
The form is shown filled in as they left it, and nothing is saved until they press its
button again. Only the person who typed it can have it back, and only for a short time.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

KEPT_PARAMETER = "kept"
# Never kept: the CSRF token is the old session's, and buttons only say which was pressed.
NOT_KEPT = {"csrfmiddlewaretoken"}


def _new_key():
    return secrets.token_urlsafe(24)


class KeptForm(models.Model):
    key = models.CharField(max_length=64, unique=True, default=_new_key)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    data = models.JSONField(default=dict)
    kept_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "form kept after a time-out"

    def __str__(self):
        return f"{self.path} for {self.user}"


def _oldest_kept():
    return timezone.now() - timedelta(seconds=settings.KEPT_FORM_SECONDS)


def keep(request, user):
    """Keeps a timed-out POST's fields; returns the one-time key."""
    KeptForm.objects.filter(kept_at__lt=_oldest_kept()).delete()
    data = {name: values for name, values in request.POST.lists() if name not in NOT_KEPT}
    return KeptForm.objects.create(user=user, path=request.path, data=data).key


def take(request):
    """The kept fields for this page and this person, once; None if there are none."""
    key = request.GET.get(KEPT_PARAMETER)
    if not key or not request.user.is_authenticated:
        return None
    found = KeptForm.objects.filter(
        key=key, user=request.user, path=request.path, kept_at__gte=_oldest_kept()
    ).first()
    if found is None:
        return None
    found.delete()
    return found.data
