"""A person's task inbox (P6): what waits for them, oldest first.

Each app that gives people work lists a source in settings.INBOX_SOURCES: a function taking
the user and returning Tasks. The inbox does not import the apps, so the dependencies still
point one way (accounts is the lowest app).
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

# One GOV.UK tag colour per kind of task, so that kinds can be told apart at a glance (the
# words say it too: colour is never the only sign). Overdue work is red or orange.
TAG_COLOURS = {
    "Decision": "blue",
    "Draft": "grey",
    "Returned to you": "pink",
    "Significant change": "purple",
    "Register review": "turquoise",
    "Performance report": "light-blue",
    "Review due": "yellow",
    "Overdue review": "red",
    "Overdue reviews": "red",
    "Audit action": "green",
    "Overdue audit action": "orange",
    "Overdue action": "orange",
}


@dataclass
class Task:
    kind: str  # what sort of task, in the council's words ("Decision", "Returned to you")
    title: str
    url: str
    since: datetime
    detail: str = ""

    @property
    def colour(self):
        return TAG_COLOURS.get(self.kind, "grey")


def start_of(day):
    """The first moment of a day: a task waits from a moment, and some fall due on a day."""
    return timezone.make_aware(datetime.combine(day, time.min))


def tasks_for(user):
    if not user.is_authenticated:
        return []
    tasks = []
    for source in settings.INBOX_SOURCES:
        tasks.extend(import_string(source)(user))
    return sorted(tasks, key=lambda task: task.since)
