"""The significant changes waiting for the register keeper (R13)."""

from accounts.inbox import TaskSpec
from accounts.roles import Role
from partnerships.models import Partnership

from .models import KEEPER_STATES, SignificantChange

WATCHES = ["changes.SignificantChange"]
ABOUT = {"partnerships.Partnership": ["name"]}


def subjects():
    return [SignificantChange.objects.waiting()]


def tasks_of(subject):
    if not isinstance(subject, SignificantChange) or subject.state not in KEEPER_STATES:
        return []
    return [
        TaskSpec(
            kind="Significant change",
            title=f"{subject.partnership.name}: asked for by {subject.proposed_by.display_name}",
            url=subject.get_absolute_url(),
            since=subject.proposed_at,
            detail="Apply it, send it on for a decision, or decline it",
            key="keeper",
            role=Role.REGISTER_KEEPER,
        )
    ]


def subjects_about(record):
    if isinstance(record, SignificantChange):
        return [record]
    if isinstance(record, Partnership):
        return list(SignificantChange.objects.waiting().filter(partnership=record))
    return []
