from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Subquery

from .policy import Policy
from .tasks import Task


@cache
def people_with_page_frame():
    """Every page shows the person's service beside their name and the number of tasks
    waiting for them beside Home, and needs the policy in force: the person, their service,
    that count and the policy's stamp (Policy.for_request) come in one query. Built once in
    each process and copied for each request: it holds SQL, not data."""
    return (
        get_user_model()
        ._default_manager.select_related("service")
        .annotate(
            tasks_waiting=Task.objects.count_waiting(),
            policy_stamp=Subquery(Policy.objects.order_by("pk").values("stamp")[:1]),
        )
    )


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user = people_with_page_frame().get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
