"""The significant changes waiting for the register keeper (R13)."""

from accounts.inbox import Task
from partnerships.access import can_maintain_register

from .models import SignificantChange


def tasks(user):
    if not can_maintain_register(user):
        return []
    return [
        Task(
            kind="Significant change",
            title=f"{change.partnership.name}: asked for by {change.proposed_by.display_name}",
            url=change.get_absolute_url(),
            since=change.proposed_at,
            detail="Apply it, send it on for a decision, or decline it",
        )
        for change in SignificantChange.objects.waiting()
    ]
