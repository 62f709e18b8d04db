"""Follow-up actions from internal audit spot checks (V6) in their owner's inbox (P6), the
overdue ones marked as such."""

from django.utils import timezone

from accounts.inbox import Task, start_of

from .models import FollowUpAction


def tasks(user):
    today = timezone.localdate()
    actions = (
        FollowUpAction.objects.filter(owner=user)
        .exclude(status=FollowUpAction.Status.DONE)
        .select_related("finding__partnership", "finding__spot_check")
    )
    return [
        Task(
            kind="Overdue audit action" if action.is_overdue(today) else "Audit action",
            title=f"{action.finding.partnership or action.finding.spot_check.title}: "
            f"{action.description[:80]}",
            url=action.get_absolute_url(),
            # Waiting since it falls due, so that the most pressing come first.
            since=start_of(action.due),
            detail=f"Due {action.due:%-d %B %Y}, {action.get_status_display().lower()}",
        )
        for action in actions
    ]
