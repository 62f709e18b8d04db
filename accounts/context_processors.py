from django.utils.functional import SimpleLazyObject

from .inbox import tasks_for
from .navigation import navigation_for
from .policy import Policy


def portal(request):
    policy = Policy.for_request(request)
    user = getattr(request, "user", None)
    tasks = SimpleLazyObject(lambda: tasks_for(user) if user else [])
    return {
        "tasks": tasks,
        "policy": policy,
        "user_role_label": policy.role_label(user.role) if user and user.is_authenticated else "",
        "navigation": navigation_for(user, request.path, tasks) if user else [],
    }
