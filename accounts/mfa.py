"""Multi-factor authentication for local accounts: an authenticator app (TOTP) and one-use
recovery codes, kept by django-otp.

After the password, a session is marked with what is still owed: "verify" (enter a code),
"enrol" (this role must set up an app first), "done" or "none" (not asked). The middleware
reads only that mark, so pages cost no extra queries; any change to a role ends the
person's sessions (accounts.sessions), so the mark is never stale.
"""

from base64 import b32encode
from binascii import unhexlify
from typing import TYPE_CHECKING

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from .policy import Policy
from .security_log import log_event

if TYPE_CHECKING:
    from .models import User

SESSION_MFA = "mfa"
RECOVERY_CODES = 10
# Pages a person who still owes a code may see.
OPEN_WHILE_PENDING = {"mfa_verify", "mfa_setup", "logout", "accessibility"}


def required_for(user):
    """Whether this person's role must use MFA: the settings' roles and the policy's."""
    roles = set(settings.MFA_REQUIRED_ROLES) | set(Policy.current().sign_in.get("mfa_roles", []))
    return user.role in roles


def has_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def state_after_password(user):
    if has_app(user):
        return "verify"
    return "enrol" if required_for(user) else "none"


@receiver(user_logged_in)
def _mark_session(sender, request, user, **kwargs):
    if getattr(user, "backend", "").endswith("CouncilOIDCBackend"):
        # The council's identity provider asked for its own second factor.
        request.session[SESSION_MFA] = "provider"
    else:
        request.session[SESSION_MFA] = state_after_password(user)


class MfaRequiredMiddleware:
    """Sends a signed-in person who still owes a code to the page that asks for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated:
            return None
        state = request.session.get(SESSION_MFA)
        if state is None:
            # A session from before MFA was switched on: decide once.
            state = request.session[SESSION_MFA] = state_after_password(request.user)
        if state not in {"verify", "enrol"}:
            return None
        if request.resolver_match and request.resolver_match.url_name in OPEN_WHILE_PENDING:
            return None
        target = reverse("mfa_verify" if state == "verify" else "mfa_setup")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


def new_key():
    return default_key()


def b32_secret(key):
    """The key as people type it into an app that cannot scan, in groups of four."""
    text = b32encode(unhexlify(key.encode())).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user, key):
    device = TOTPDevice(user=user, key=key, name="Authenticator app")
    return device.config_url


def qr_code_svg_data_uri(text):
    return segno.make(text, error="m").svg_data_uri(scale=4, dark="#0b0c0c", light="#ffffff")


def code_matches_key(key, code):
    """The t at which `code` is right for `key`, allowing one step of clock drift; or None."""
    code = "".join(str(code).split())
    if not code.isdigit():
        return None
    totp = TOTP(unhexlify(key.encode()), step=30, digits=6)
    for drift in (0, -1, 1):
        totp.drift = drift
        if totp.token() == int(code):
            return totp.t()
    return None


@transaction.atomic
def mfa_enrol(user, key: str, code, *, actor: "User", request=None):
    """Set up an authenticator app for `user` from the key they were shown and a code from
    it. Replaces any app and recovery codes they had. Returns the new recovery codes, or
    None if the code is wrong."""
    user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
    if actor.pk != user.pk:
        raise PermissionDenied("People set up their own authenticator app.")
    t = code_matches_key(key, code)
    if t is None:
        log_event("mfa_enrol", request=request, user=user, outcome="failure")
        return None
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    TOTPDevice.objects.create(
        user=user, key=key, name="Authenticator app", confirmed=True, last_t=t
    )
    backup = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=c) for c in codes)
    log_event("mfa_enrol", request=request, user=user)
    return codes


def verify_code(user, code, request=None):
    """(the device `code` is right for, None), or (None, "wrong" or "wait"). A recovery
    code is used up. django-otp refuses replays, and after each wrong code makes the person
    wait twice as long as before ("wait") whatever they enter."""
    code = "".join(str(code).split())
    # Six digits are the app's; anything else is a recovery code.
    kind, model = (
        ("app", TOTPDevice)
        if code.isdigit() and len(code) == 6
        else ("recovery_code", StaticDevice)
    )
    waiting = False
    for device in model.objects.filter(user=user, confirmed=True):
        allowed, _ = device.verify_is_allowed()
        waiting = waiting or not allowed
        if allowed and device.verify_token(code):
            log_event("mfa_verify", request=request, user=user, factor=kind)
            return device, None
    log_event(
        "mfa_verify", request=request, user=user, outcome="failure", factor=kind, throttled=waiting
    )
    return None, "wait" if waiting else "wrong"


def complete(request, device):
    otp_login(request, device)
    request.session[SESSION_MFA] = "done"
    # A new session key once the second factor is in, as at sign-in.
    request.session.cycle_key()


@transaction.atomic
def mfa_reset(user, *, actor: "User", request=None):
    """An administrator removes someone's app and recovery codes (a lost phone); their
    sessions end and they set it up again at their next sign-in if their role must."""
    from .sessions import end_sessions_of

    if not actor.is_administrator:
        raise PermissionDenied("Only an administrator may reset someone's MFA.")
    user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    ended = end_sessions_of(user)
    log_event(
        "mfa_reset",
        request=request,
        user=actor,
        target_user_id=user.pk,
        target_username=user.username,
        sessions_ended=ended,
    )
