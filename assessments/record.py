"""The agreements, checklists and assessments completed against a partnership, on its record
page."""

from django.db.models import F

from core.prepared import prepared
from partnerships.access import can_edit_partnership
from partnerships.providers import RecordSection

from .models import CompletedForm


@prepared
def forms_of(partnership_id):
    """Newest first, each with its form's title."""
    return (
        CompletedForm.objects.filter(partnership_id=partnership_id)
        .annotate(form_title=F("template__title"))
        .order_by("-started_at")
    )


def completed_forms(request, partnership):
    return RecordSection(
        "assessments/record_section.html",
        {
            "completed_forms": forms_of(partnership.pk),
            "can_complete": can_edit_partnership(request.user, partnership),
        },
    )
