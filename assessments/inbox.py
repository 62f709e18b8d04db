"""Overdue actions (A5) in their owner's inbox, and in the register keeper's."""

from django.utils import timezone

from accounts.inbox import TaskSpec
from accounts.roles import Role
from partnerships.models import Partnership

from .models import Action

WATCHES = ["assessments.Action"]
ABOUT = {"partnerships.Partnership": ["name"]}


def _overdue(today=None):
    return (
        Action.objects.exclude(status=Action.Status.DONE)
        .filter(deadline__lt=today or timezone.localdate())
        .select_related("form__partnership", "owner")
    )


def subjects():
    return [_overdue()]


def falling_due(today):
    """An action goes overdue the day after its deadline."""
    return _overdue(today)


def tasks_of(subject):
    if not isinstance(subject, Action):
        return []
    if subject.status == Action.Status.DONE or subject.deadline >= timezone.localdate():
        return []
    shown = {
        "kind": "Overdue action",
        "title": f"{subject.form.partnership.name}: {subject.description[:80]}",
        "url": subject.form.get_absolute_url() + "#actions",
        "since": subject.deadline_as_datetime,
        "detail": f"Due {subject.deadline:%-d %B %Y}, owned by {subject.owner.display_name}",
    }
    found = [TaskSpec(**shown, key="keeper", role=Role.REGISTER_KEEPER)]
    # The keeper sees every overdue action already.
    if subject.owner.role != Role.REGISTER_KEEPER:
        found.append(TaskSpec(**shown, key="owner", person_id=subject.owner_id))
    return found


def subjects_about(record):
    if isinstance(record, Action):
        return [record]
    if isinstance(record, Partnership):
        return list(_overdue().filter(form__partnership=record))
    return []
