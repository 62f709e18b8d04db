"""Follow-up actions from internal audit spot checks (V6) in their owner's inbox (P6), the
overdue ones marked as such."""

from accounts.inbox import TaskSpec, start_of
from partnerships.models import Partnership

from .models import FollowUpAction

WATCHES = ["audits.FollowUpAction"]
ABOUT = {"partnerships.Partnership": ["name"]}


def _open():
    return FollowUpAction.objects.exclude(status=FollowUpAction.Status.DONE).select_related(
        "finding__partnership", "finding__spot_check"
    )


def subjects():
    return [_open()]


def falling_due(today):
    """An action is marked overdue from the day after it was due."""
    return _open().filter(due__lt=today)


def tasks_of(subject):
    if not isinstance(subject, FollowUpAction) or not subject.is_open:
        return []
    finding = subject.finding
    overdue = subject.is_overdue()
    return [
        TaskSpec(
            kind="Overdue audit action" if overdue else "Audit action",
            title=f"{finding.partnership or finding.spot_check.title}: {subject.description[:80]}",
            url=subject.get_absolute_url(),
            # An overdue action waits since it fell due, so that the most pressing come first;
            # one not yet due waits since it was recorded, never since a day still to come.
            since=start_of(subject.due) if overdue else subject.created_at,
            detail=f"Due {subject.due:%-d %B %Y}, {subject.get_status_display().lower()}",
            key="owner",
            person_id=subject.owner_id,
        )
    ]


def subjects_about(record):
    if isinstance(record, FollowUpAction):
        return [record]
    if isinstance(record, Partnership):
        return list(_open().filter(finding__partnership=record))
    return []
