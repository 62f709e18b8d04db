"""The agreements, checklists and assessments completed against a partnership, on its record
page."""

from partnerships.access import can_edit_partnership
from partnerships.providers import RecordSection


def completed_forms(request, partnership):
    return RecordSection(
        "assessments/record_section.html",
        {
            "completed_forms": list(
                partnership.completed_forms.select_related("template").order_by("-started_at")
            ),
            "can_complete": can_edit_partnership(request.user, partnership),
        },
    )
