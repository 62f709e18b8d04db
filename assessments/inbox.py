"""Overdue actions (A5) in their owner's inbox, and in the register keeper's."""

from accounts.inbox import Task

from .services import overdue_actions


def tasks(user):
    return [
        Task(
            kind="Overdue action",
            title=f"{action.form.partnership.name}: {action.description[:80]}",
            url=action.form.get_absolute_url() + "#actions",
            since=action.deadline_as_datetime,
            detail=f"Due {action.deadline:%-d %B %Y}, owned by {action.owner.display_name}",
        )
        for action in overdue_actions(user).select_related("owner")
    ]
