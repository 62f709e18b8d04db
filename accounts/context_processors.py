from .navigation import navigation_for
from .policy import Policy


def portal(request):
    policy = Policy.for_request(request)
    user = getattr(request, "user", None)
    return {
        "policy": policy,
        "user_role_label": policy.role_label(user.role) if user and user.is_authenticated else "",
        "navigation": navigation_for(user, request.path) if user else [],
    }
