from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .inbox import count_for
from .middleware import session_ends_in
from .navigation import navigation_for
from .policy import Policy


def portal(request):
    policy = Policy.for_request(request)
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    ends_in = session_ends_in(request) if signed_in else None
    return {
        "session_ends_in": ends_in,
        "session_ends_at": timezone.now() + timedelta(seconds=ends_in) if signed_in else None,
        "session_idle_minutes": settings.SESSION_IDLE_TIMEOUT // 60,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "kept_form": getattr(request, "kept_form", False),
        "policy": policy,
        "user_role_label": policy.role_label(user.role) if user and user.is_authenticated else "",
        # P6: one indexed query counts the tasks waiting, shown beside Home on every page.
        "navigation": navigation_for(user, request.path, count_for(user) if signed_in else 0)
        if user
        else [],
    }
