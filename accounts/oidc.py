"""Single sign-on with OpenID Connect (Entra ID, or any certified provider), through
mozilla-django-oidc.

The library runs the authorisation code flow with state, nonce and PKCE. This module adds
what a council needs on top: the ID token's issuer, audience and expiry are checked, the
person is found by the provider's stable id (Entra's `oid`, else `sub`) and only then by a
verified email or `preferred_username`, their role and service come from the group or
app-role claims through the policy's mapping, and every refusal is a clear page and a line
in the security log.
"""

from urllib.parse import urlencode

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .backends import PortalBackend
from .models import Service
from .policy import Policy
from .roles import Role
from .security_log import log_event

# What each refusal tells the person; the reason key goes to the security log.
REFUSALS = {
    "state": "The sign-in could not be matched to this browser. Start again from the sign-in page.",
    "nonce": "The sign-in could not be matched to this browser. Start again from the sign-in page.",
    "issuer": "The sign-in came from an identity provider this portal does not trust.",
    "audience": "The sign-in was issued for another application, not this portal.",
    "expired": "The sign-in had expired before it reached the portal. Start again.",
    "token": "The sign-in could not be checked. Start again from the sign-in page.",
    "unmapped": "Your council account is not set up for this portal. Ask your administrator "
    "to give you access.",
    "inactive": "Your account for this portal has been switched off. Ask your administrator.",
    "pending": "Your account for this portal has been made, but without access yet. Ask your "
    "administrator to give you a role.",
    "provider": "Your council's sign-in service did not sign you in. Start again.",
}


class OIDCRefused(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def enabled():
    return settings.OIDC_ENABLED


def stable_id(claims):
    return claims.get("oid") or claims.get("sub")


def mapped_role(claims, sign_in):
    """The first role in the policy's mapping whose claim value the person carries."""
    carried = set(claims.get("roles") or []) | set(claims.get("groups") or [])
    for value, role in sign_in.get("sso_roles", {}).items():
        if value in carried and role in Role.values:
            return role
    return None


def mapped_service(claims, sign_in):
    carried = set(claims.get("roles") or []) | set(claims.get("groups") or [])
    for value, name in sign_in.get("sso_services", {}).items():
        if value in carried:
            return Service.objects.filter(name=name).first()
    return None


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not enabled():
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        # The same lookup, and the same refusal of switched-off accounts, as local sign-ins.
        return PortalBackend().get_user(user_id)

    def get_payload_data(self, token, key):
        # mozilla-django-oidc checks only the signature; a council needs the issuer, the
        # audience and the expiry checked too.
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=settings.OIDC_AUDIENCE or self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise OIDCRefused("expired") from error
        except jwt.InvalidIssuerError as error:
            raise OIDCRefused("issuer") from error
        except jwt.InvalidAudienceError as error:
            raise OIDCRefused("audience") from error
        except jwt.PyJWTError as error:
            raise OIDCRefused("token") from error

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as error:
            reason = "nonce" if "Nonce" in str(error) else "token"
            raise OIDCRefused(reason) from error

    def get_userinfo(self, access_token, id_token, payload):
        # Entra puts oid, tid, roles and groups in the ID token, not the userinfo answer: the
        # checked ID token is the one source of claims.
        return payload

    def verify_claims(self, claims):
        return bool(stable_id(claims))

    def filter_users_by_claims(self, claims):
        users = get_user_model()._default_manager
        found = users.filter(sso_subject=stable_id(claims))
        if found.exists():
            return found
        # First sign-on of an account the administrator made: bind it by a name the
        # provider vouches for.
        unbound = users.filter(sso_subject__isnull=True)
        if claims.get("email") and claims.get("email_verified"):
            found = unbound.filter(email__iexact=claims["email"])
            if found.exists():
                return found
        if claims.get("preferred_username"):
            name = claims["preferred_username"]
            return unbound.filter(username__iexact=name) | unbound.filter(email__iexact=name)
        return users.none()

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise OIDCRefused("token")
        sign_in = Policy.current().sign_in
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) > 1:
            raise OIDCRefused("unmapped")
        role = mapped_role(claims, sign_in)
        if users:
            if sign_in.get("sso_roles") and role is None:
                raise OIDCRefused("unmapped")
            return self.update_user(users[0], claims, role, sign_in)
        if not sign_in.get("sso_create"):
            raise OIDCRefused("unmapped")
        user = self.create_user(claims, role, sign_in)
        if not user.is_active:
            raise OIDCRefused("pending")
        return user

    @transaction.atomic
    def update_user(self, user, claims, role=None, sign_in=None):
        user = get_user_model()._default_manager.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise OIDCRefused("inactive")
        user.sso_subject = stable_id(claims)
        if role is not None:
            user.role = role
        service = mapped_service(claims, sign_in or {})
        if service is not None:
            user.service = service
        # A changed role or service ends the person's other sessions (accounts.sessions).
        user.save()
        return user

    @transaction.atomic
    def create_user(self, claims, role=None, sign_in=None):
        """An account for a person the portal did not know, when the council chooses: with
        the role their claims map to, or else switched off, without rights, until an
        administrator gives them a role."""
        users = get_user_model()._default_manager
        username = (claims.get("preferred_username") or stable_id(claims))[:150]
        if users.filter(username=username).exists():
            # The name is another account's: the stable id is unique to this person.
            username = stable_id(claims)[:150]
        user = get_user_model()(
            username=username,
            email=claims.get("email", "") if claims.get("email_verified") else "",
            first_name=claims.get("given_name", "")[:150],
            last_name=claims.get("family_name", "")[:150],
            role=role or Role.OFFICER,
            is_active=role is not None,
            service=mapped_service(claims, sign_in or {}),
            sso_subject=stable_id(claims),
        )
        user.set_unusable_password()
        user.save()
        return user


def refused(request, reason, status=400):
    log_event("oidc", request=request, outcome="failure", reason=reason)
    return render(
        request,
        "accounts/sso_refused.html",
        {"message": REFUSALS.get(reason, REFUSALS["token"])},
        status=status,
    )


@method_decorator(login_not_required, name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    def get(self, request):
        if not enabled():
            raise Http404
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not enabled():
            raise Http404
        if request.GET.get("error"):
            super().get(request)
            return refused(request, "provider")
        if "oidc_states" not in request.session or request.GET.get(
            "state"
        ) not in request.session.get("oidc_states", {}):
            return refused(request, "state")
        try:
            response = super().get(request)
        except OIDCRefused as refusal:
            return refused(request, refusal.reason)
        except SuspiciousOperation:
            return refused(request, "state")
        if not request.user.is_authenticated:
            return refused(request, "unmapped")
        return response


def provider_sign_out_url(request):
    """The provider's sign-out page, where it has one, to offer after the portal's."""
    if not (enabled() and settings.OIDC_OP_LOGOUT_ENDPOINT):
        return ""
    params = {
        "client_id": settings.OIDC_RP_CLIENT_ID,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    return f"{settings.OIDC_OP_LOGOUT_ENDPOINT}?{urlencode(params)}"
