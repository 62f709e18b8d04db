"""Issuing and revoking API tokens: the Administrator's, and only through here."""

import secrets
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.roles import SERVICE_SCOPED, Role

from .models import ApiToken, digest

if TYPE_CHECKING:
    from accounts.models import User

# Anything shorter than 32 random bytes is guessable in the lifetime of a register.
SECRET_BYTES = 32
SECRET_START = "prt_"  # noqa: S105 (a marker, not a secret)


def _require_administrator(actor):
    if actor is None or not actor.has_role(Role.ADMIN):
        raise PermissionDenied("Only the Administrator issues and revokes API tokens")


def check_token(name, role, service):
    """What would stop a token being issued, by field; the admin's form shows the same."""
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the name of the system that will use the token"
    if role not in {choice for choice, _ in ApiToken._meta.get_field("role").choices}:
        errors["role"] = "Choose the role the token stands for"
    elif role in SERVICE_SCOPED and service is None:
        errors["service"] = "Choose the service area this role is scoped to"
    elif role not in SERVICE_SCOPED and service is not None:
        errors["service"] = "Only a role scoped to a service area takes a service"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def token_issue(*, actor: "User", name: str, role, service=None):
    """A new token and its secret. The secret is returned this once and never kept."""
    _require_administrator(actor)
    check_token(name, role, service)
    secret = SECRET_START + secrets.token_urlsafe(SECRET_BYTES)
    token = ApiToken(
        name=name.strip(),
        role=role,
        service=service,
        prefix=secret[: len(SECRET_START) + 6],
        secret_digest=digest(secret),
        created_by=actor,
    )
    token._history_user = actor
    token.save()
    return token, secret


@transaction.atomic
def token_revoke(*, actor: "User", token_id: int):
    _require_administrator(actor)
    token = ApiToken.objects.select_for_update().get(pk=token_id)
    if token.is_revoked:
        raise ValidationError("This token has already been revoked")
    token.revoked_at = timezone.now()
    token.revoked_by = actor
    token._history_user = actor
    token.save()
    return token
