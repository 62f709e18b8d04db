"""Sessions that know whose they are, and ending all of a person's sessions at once.

Django's database sessions keep the user id inside the signed data only, so "every session
of this user" would mean reading every row. Here each row also carries the user, and a
change that should end someone's access (switched off, a new role or service, a new
password) deletes their rows: reactivating the account later brings nothing back.
"""

from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.signals import post_save, pre_save

# What, changed on a user, ends every session they have.
ENDS_SESSIONS = ("is_active", "role", "service_id", "password")


class UserSession(AbstractBaseSession):
    user = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.CASCADE, related_name="sessions"
    )

    class Meta:
        verbose_name = "session"

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DbSessionStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get("_auth_user_id")
        instance.user_id = int(user_id) if user_id else None
        return instance


def end_sessions_of(user):
    """Delete every session row of this user; returns how many there were."""
    deleted, _ = UserSession.objects.filter(user=user).delete()
    return deleted


def _watch_user(sender, instance, raw=False, **kwargs):
    instance._ends_sessions = []
    if raw or instance.pk is None:
        return
    before = sender._default_manager.filter(pk=instance.pk).values(*ENDS_SESSIONS).first()
    if before is not None:
        instance._ends_sessions = [
            field for field in ENDS_SESSIONS if before[field] != getattr(instance, field)
        ]


def _end_sessions_on_change(sender, instance, created, raw=False, **kwargs):
    changed = getattr(instance, "_ends_sessions", [])
    if changed and not created:
        from .security_log import log_event

        count = end_sessions_of(instance)
        # Only the names of what changed: never the password hash itself.
        log_event(
            "account_change",
            user=instance,
            changed=sorted(f.removesuffix("_id") for f in changed),
            is_active=instance.is_active,
            sessions_ended=count,
        )
    instance._ends_sessions = []


def connect(user_model):
    pre_save.connect(_watch_user, sender=user_model, dispatch_uid="sessions-watch-user")
    post_save.connect(_end_sessions_on_change, sender=user_model, dispatch_uid="sessions-end")
