from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords

from .roles import PROPOSERS, Role, post_key


class Service(models.Model):
    """A council department or service area (Streetscene and Leisure Contracts, HR&OD, ...)."""

    name = models.CharField(max_length=200, unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


def display_name(first_name, last_name, username):
    """How the portal names a person: their full name, or their username if they have none."""
    return f"{first_name} {last_name}".strip() or username


class User(AbstractUser):
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.OFFICER)
    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text="The service area a Head of Service is responsible for, or an officer works in.",
    )
    job_title = models.CharField(max_length=200, blank=True)
    # The identity provider's stable id for this person (Entra's `oid`, else `sub`), bound at
    # their first single sign-on; a renamed mailbox still finds the same account.
    sso_subject = models.CharField(max_length=255, null=True, blank=True, unique=True)
    # Password hashes and sign-in times are not register history; keeping them would only
    # multiply copies of the hash.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return display_name(self.first_name, self.last_name, self.username)

    def has_role(self, *roles):
        return self.is_active and self.role in roles

    def post_among(self, posts):
        """Which of these posts (a route step's, as the policy names them) this person holds
        by their job title, or "" if none."""
        mine = post_key(self.job_title)
        return next((post for post in posts if mine and post_key(post) == mine), "")

    @property
    def can_propose(self):
        return self.has_role(*PROPOSERS)

    @property
    def is_administrator(self):
        return self.has_role(Role.ADMIN)


# The policy model lives in its own module; Django finds models through this one.
from .kept import KeptForm  # noqa: E402, F401
from .policy import Policy  # noqa: E402, F401
from .sessions import UserSession  # noqa: E402, F401
from .tasks import Task  # noqa: E402, F401
