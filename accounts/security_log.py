"""The security log: one JSON line per event a council's security team watches for.

Lines go to the `security` logger (config/settings.py gives it a stream of its own and
core.logs.JsonFormatter). Every line has the same fields: event, outcome, user_id, username,
role, address and path, plus any detail passed. Never pass a password, a token, a code or a
document's contents: only names and ids.
"""

import logging

from axes.helpers import get_client_ip_address
from axes.signals import user_locked_out
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntryManager
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.dispatch import receiver

logger = logging.getLogger("security")

# Pages whose every successful visit is logged: the register leaving the portal in bulk, and
# documents attached to partnerships.
WATCHED_PAGES = {
    "partnerships:export_csv": "register_export",
    "partnerships:export_xlsx": "register_export",
    "partnerships:document_download": "document_download",
}


def log_event(event, *, request=None, user=None, outcome="success", **detail):
    if user is None and request is not None:
        user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    fields = {
        "event": event,
        "outcome": outcome,
        "user_id": user.pk if signed_in else None,
        "username": user.username if signed_in else detail.pop("username", None),
        "role": user.role if signed_in else None,
        "address": get_client_ip_address(request) if request is not None else None,
        "path": request.path if request is not None else None,
    }
    detail.pop("username", None)
    fields.update(detail)
    level = logging.INFO if outcome == "success" else logging.WARNING
    logger.log(level, event, extra=fields)


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    sso = getattr(user, "backend", "").endswith("CouncilOIDCBackend")
    log_event("sign_in", request=request, user=user, method="sso" if sso else "password")


@receiver(user_login_failed)
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password masked by Django; only the username is kept.
    log_event(
        "sign_in",
        request=request,
        outcome="failure",
        username=str(credentials.get("username", ""))[:150] or None,
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    log_event("lockout", request=request, outcome="failure", username=username)


@receiver(user_logged_out)
def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        log_event("sign_out", request=request, user=user)


def _log_admin_changes(log_actions):
    """Wraps the admin's LogEntry writer: it saves one entry, or bulk-creates several (a
    delete of many), which no post_save signal would see."""

    def logged(manager, user_id, queryset, action_flag, change_message="", **kwargs):
        entries = log_actions(manager, user_id, queryset, action_flag, change_message, **kwargs)
        for entry in entries if isinstance(entries, list) else [entries]:
            log_event(
                "admin_change",
                user=entry.user,
                action={ADDITION: "add", CHANGE: "change", DELETION: "delete"}.get(
                    entry.action_flag, "other"
                ),
                object_type=ContentType.objects.get_for_id(entry.content_type_id).model,
                object_id=str(entry.object_id),
            )
        return entries

    return logged


def connect():
    if not getattr(LogEntryManager.log_actions, "_security_logged", False):
        LogEntryManager.log_actions = _log_admin_changes(LogEntryManager.log_actions)
        LogEntryManager.log_actions._security_logged = True


class SecurityLogMiddleware:
    """Logs every refusal (403), with who asked, and every visit to a watched page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 403:
            log_event("forbidden", request=request, outcome="failure", method=request.method)
        elif response.status_code == 200 and request.resolver_match is not None:
            match = request.resolver_match
            if match.view_name in WATCHED_PAGES:
                log_event(WATCHED_PAGES[match.view_name], request=request, url_args=match.kwargs)
        return response
