import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import Resolver404, resolve

from core.refill import refill

from .kept import KEPT_PARAMETER, keep, take

SESSION_STARTED = "session_started_at"
SESSION_LAST_SEEN = "session_last_seen_at"
# Writing the session on every request is wasteful; a minute's precision is enough for
# reading pages. Every POST counts at once: it is work, and "Stay signed in" is one.
LAST_SEEN_GRANULARITY = 60
# Posts that carry nothing a person typed into a page.
NEVER_KEPT = {"login", "logout", "stay_signed_in"}


def session_ends_in(request):
    """Seconds until this session ends if the person does nothing more."""
    started = request.session.get(SESSION_STARTED)
    if started is None:
        return settings.SESSION_IDLE_TIMEOUT
    last_seen = request.session.get(SESSION_LAST_SEEN) or started
    ends = min(
        last_seen + settings.SESSION_IDLE_TIMEOUT, started + settings.SESSION_ABSOLUTE_LIFETIME
    )
    return max(0, ends - int(time.time()))


def _keeps_typing(request):
    if request.method != "POST":
        return False
    try:
        if resolve(request.path_info).url_name in NEVER_KEPT:
            return False
    except Resolver404:
        return False
    # A forged cross-site post must not become a form the person is asked to send.
    return CsrfViewMiddleware(lambda r: None).process_view(request, lambda: None, (), {}) is None


def _timed_out(request):
    next_url = request.get_full_path()
    if _keeps_typing(request):
        key = keep(request, request.user)
        next_url = f"{request.path}?{urlencode({KEPT_PARAMETER: key})}"
    logout(request)
    request.session["signed_out_reason"] = "timeout"
    return redirect_to_login(next_url)


class SessionTimeoutMiddleware:
    """Ends a signed-in session after idle time or after its absolute lifetime.

    What a person was sending when their session ended is kept (accounts.kept) and put back
    into the same form once they have signed in again."""

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
                # Ended once session_ends_in says no time is left, as the time-out warning
                # tells the person: never "signed out" on screen while a save still works.
                now - started >= settings.SESSION_ABSOLUTE_LIFETIME
                or now - (last_seen or started) >= settings.SESSION_IDLE_TIMEOUT
            ):
                return _timed_out(request)
            elif request.method == "POST" or now - (last_seen or 0) >= LAST_SEEN_GRANULARITY:
                request.session[SESSION_LAST_SEEN] = now
        if request.method == "GET" and KEPT_PARAMETER in request.GET:
            return self._restore(request)
        return self.get_response(request)

    def _restore(self, request):
        data = take(request)
        request.kept_form = data is not None
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            data is None
            or response.streaming
            or response.status_code != 200
            or "text/html" not in content_type
        ):
            return response
        html, filled = refill(response.content.decode(response.charset), request.path, data)
        if filled:
            response.content = html.encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
