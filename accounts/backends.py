from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Subquery

from .policy import Policy
from .tasks import Task


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page shows the person's service beside their name and the number of tasks
        # waiting for them beside Home, and needs the policy in force: the person, their
        # service, that count and the policy's stamp (Policy.for_request) come in one query.
        user_model = get_user_model()
        try:
            user = (
                user_model._default_manager.select_related("service")
                .annotate(
                    tasks_waiting=Task.objects.count_waiting(),
                    policy_stamp=Subquery(Policy.objects.order_by("pk").values("stamp")[:1]),
                )
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
