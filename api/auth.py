"""Who is reading: a signed-in person (their session) or another system (an API token).

A token is turned into a stand-in reader with the role it was issued for, so the register's
own rules (partnerships/access.py, reports/access.py) decide what it reads, unchanged.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from .models import ApiToken, digest

log = logging.getLogger("api.tokens")

# last_used is for the Administrator to see which tokens are still in use; to the minute is
# plenty, and saves a write on every request.
LAST_USED_GRANULARITY = timedelta(minutes=1)


@dataclass(frozen=True)
class TokenReader:
    """Reads as a person in `role` would, but is nobody: pk 0 matches no lead officer, sponsor
    or proposer, so it never sees what the register shows someone because it is theirs."""

    token_id: int
    name: str
    role: str
    service_id: int | None
    pk: int = 0
    id: int = 0
    is_active: bool = True
    is_authenticated: bool = True
    is_anonymous: bool = False

    def has_role(self, *roles):
        return self.role in roles

    @property
    def display_name(self):
        return self.name


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token>, for GET only (every operation of this API reads)."""

    def authenticate(self, request, token):
        found = (
            ApiToken.objects.filter(secret_digest=digest(token), revoked_at__isnull=True)
            .only("pk", "name", "role", "service_id", "last_used")
            .first()
        )
        if found is None:
            log.warning(
                "API token refused",
                extra={"event": "api_token_refused", "method": request.method,
                       "path": request.path, "token_start": token[:10]},
            )  # fmt: skip
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used >= LAST_USED_GRANULARITY:
            # A plain UPDATE: no history row and no race with the Administrator revoking it.
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        log.info(
            "API token used",
            extra={"event": "api_token_used", "token_id": found.pk, "token_name": found.name,
                   "role": found.role, "method": request.method, "path": request.path,
                   "query": request.META.get("QUERY_STRING", "")},
        )  # fmt: skip
        return TokenReader(found.pk, found.name, found.role, found.service_id)


class PortalSession(SessionAuth):
    """A person signed in to the portal, reading from their browser or a script of theirs."""

    def authenticate(self, request, key):
        user = request.user
        return user if user.is_authenticated and user.is_active else None
