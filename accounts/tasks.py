"""The inbox's table (P6): one row per thing that waits for someone.

A row is written and closed by accounts.inbox.refresh_tasks, in the transaction of the change
that opened or ended the work, so that the navigation's count and the inbox page read one
indexed table instead of asking every app. A closed row is kept: the table is the history of
who had what to do, and when it stopped waiting.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Func, OuterRef, Q, Subquery
from django.db.models.functions import Lower, Trim
from simple_history.models import HistoricalRecords

from .roles import post_key

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
    "Agreement needed": "light-blue",
}


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_at__isnull=True)

    def waiting_for(self, user):
        """The open tasks this person holds: their own, and their role's (within their
        service, for a step a role holds within a service), as Route.objects.awaiting reads
        who holds a step."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        held = Q(person=user.pk) | Q(role=user.role, service__isnull=True, post="")
        if user.service_id is not None:
            held |= Q(role=user.role, service=user.service_id, post="")
        if post_key(user.job_title):
            held |= Q(role=user.role, post=post_key(user.job_title))
        return self.open().filter(held)

    def count_waiting(self):
        """waiting_for's count as a subquery of the person being loaded, so that a page's
        inbox count comes with the signed-in person (accounts.backends)."""
        held = (
            Q(person=OuterRef("pk"))
            | Q(
                Q(service__isnull=True) | Q(service=OuterRef("service_id")),
                role=OuterRef("role"),
                post="",
            )
            | Q(~Q(post=""), role=OuterRef("role"), post=Lower(Trim(OuterRef("job_title"))))
        )
        counted = self.open().filter(held).order_by().annotate(n=Func("pk", function="COUNT"))
        return Subquery(counted.values("n")[:1])


class Task(models.Model):
    # What sort of task, in the council's words ("Decision", "Returned to you").
    kind = models.CharField(max_length=64)
    title = models.TextField()
    url = models.TextField()
    detail = models.TextField(blank=True)
    since = models.DateTimeField(help_text="What the inbox orders by: the task waits from then.")
    # Who holds it: one person, or everyone with a role (within one service, for a step a
    # role holds within a service).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(max_length=32, blank=True)
    service = models.ForeignKey(
        "accounts.Service", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A step held by a named post as well as a role: the post as compared (roles.post_key),
    # for the one person whose job title it is.
    post = models.CharField(max_length=200, blank=True)
    # What gives the task; `key` tells apart the tasks one subject gives (a review due for its
    # lead officer and for its sponsor).
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    key = models.CharField(max_length=64)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["since", "pk"]
        indexes = [
            # The navigation's count and the inbox page: open rows by holder, oldest first.
            models.Index(
                fields=["person", "since"],
                condition=Q(closed_at__isnull=True),
                name="task_open_person",
            ),
            models.Index(
                fields=["role", "service", "since"],
                condition=Q(closed_at__isnull=True),
                name="task_open_role",
            ),
            # What refresh_tasks reads: the open tasks of one subject.
            models.Index(
                fields=["subject_type", "subject_id"],
                condition=Q(closed_at__isnull=True),
                name="task_open_subject",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(role=""), name="task_has_a_holder"
            ),
        ]

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @property
    def colour(self):
        return TAG_COLOURS.get(self.kind, "grey")
