import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

SESSION_STARTED = "session_started_at"
SESSION_LAST_SEEN = "session_last_seen_at"
# Writing the session on every request is wasteful; a minute's precision is enough.
LAST_SEEN_GRANULARITY = 60


class SessionTimeoutMiddleware:
    """Ends a signed-in session after idle time or after its absolute lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED)
            last_seen = request.session.get(SESSION_LAST_SEEN)
            if started is None:
                request.session[SESSION_STARTED] = now
                request.session[SESSION_LAST_SEEN] = now
            elif (
                now - started > settings.SESSION_ABSOLUTE_LIFETIME
                or now - (last_seen or started) > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                request.session["signed_out_reason"] = "timeout"
                return redirect_to_login(request.get_full_path())
            elif now - (last_seen or 0) >= LAST_SEEN_GRANULARITY:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)
