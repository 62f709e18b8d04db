"""Who may open a completed form: anyone who may read its partnership; changing it, only
while it is not locked and by someone who may complete forms for the partnership."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partnerships.access import get_partnership_for_user

from . import services
from .models import CompletedForm


def get_form_for_user(request, pk, write=False):
    form = get_object_or_404(CompletedForm.objects.select_related("template", "partnership"), pk=pk)
    get_partnership_for_user(request, form.partnership_id)
    if write and (form.is_locked or not services.can_complete(request.user, form.partnership)):
        raise PermissionDenied
    return form
