"""A person's task inbox (P6): what waits for them, oldest first, read from one table.

Each app that gives people work names a module in settings.INBOX_TASKS. The module answers,
for a subject (a route, a proposal, a review, ...), what tasks it gives now (`tasks_of`), and
which subjects a change to a record may change the tasks of (`subjects_about`); for the
check, every subject that may give tasks (`subjects`); and, when time alone opens tasks, the
subjects whose tasks a new day may change (`falling_due`). The inbox does not import the apps,
so the dependencies still point one way (accounts is the lowest app).

Whenever a record one of those modules watches (its `WATCHES`) is saved or deleted, or one of
the fields it reads of another record (its `ABOUT`) changes, the tasks of the subjects about
it are brought up to date in the same transaction (`refresh_tasks`): missing rows opened,
changed rows updated, rows no longer given closed.
"""

from dataclasses import dataclass
from datetime import datetime, time
from functools import cache
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from core.history import save_with_history

from .tasks import TAG_COLOURS, Task  # noqa: F401 (the inbox's colours are read from here)

# What a row says, as opposed to which task it is.
SHOWN = ("kind", "title", "url", "detail", "since")


@dataclass(frozen=True)
class TaskSpec:
    """A task a subject gives, as its app says it: for one person, or for a role (within a
    service, for a step a role holds within a service)."""

    kind: str
    title: str
    url: str
    since: datetime
    detail: str = ""
    key: str = ""
    person_id: int | None = None
    role: str = ""
    service_id: int | None = None
    # For a step a named post holds: the post, as roles.post_key compares it.
    post: str = ""

    @property
    def identity(self):
        return (self.key, self.person_id, self.role, self.service_id, self.post)


def identity_of(row):
    return (row.key, row.person_id, row.role, row.service_id, row.post)


def start_of(day):
    """The first moment of a day: a task waits from a moment, and some fall due on a day."""
    return timezone.make_aware(datetime.combine(day, time.min))


@cache
def sources():
    return [import_module(path) for path in settings.INBOX_TASKS]


def tasks_for(user):
    """The open tasks this person holds, oldest first."""
    return Task.objects.waiting_for(user)


def count_for(user):
    # The signed-in person arrives with the count (accounts.backends); anyone else is counted.
    waiting = getattr(user, "tasks_waiting", None)
    if waiting is not None:
        return waiting
    return Task.objects.waiting_for(user).count()


def specs_of(subject):
    found = []
    for source in sources():
        found.extend(source.tasks_of(subject))
    return found


def _type_of(subject):
    return ContentType.objects.get_for_model(subject, for_concrete_model=False)


@transaction.atomic
def refresh_tasks(subject, *, actor=None, specs=None):
    """Brings the tasks of one subject up to date: opens the missing, updates the changed and
    closes those no longer given. Returns (opened, changed, closed)."""
    # The rows are locked before the tasks are worked out, so that of two changes refreshing
    # one subject at once (two entries of one register review confirmed together) the
    # second works them out from what the first committed.
    rows = list(
        Task.objects.select_for_update()
        .filter(subject_type=_type_of(subject), subject_id=subject.pk, closed_at__isnull=True)
        .order_by("pk")
    )
    specs = specs_of(subject) if specs is None else specs
    wanted = {spec.identity: spec for spec in specs}
    now = timezone.now()
    opened = changed = closed = 0
    for row in rows:
        spec = wanted.pop(identity_of(row), None)
        if spec is None:  # no longer given, or a second row of one task
            row.closed_at = now
            save_with_history(row, actor=actor)
            closed += 1
        elif any(getattr(row, field) != getattr(spec, field) for field in SHOWN):
            for field in SHOWN:
                setattr(row, field, getattr(spec, field))
            save_with_history(row, actor=actor)
            changed += 1
    for spec in wanted.values():
        row = Task(subject=subject, opened_at=now, **_fields(spec))
        save_with_history(row, actor=actor)
        opened += 1
    return opened, changed, closed


def _fields(spec):
    return {
        "key": spec.key,
        "person_id": spec.person_id,
        "role": spec.role,
        "service_id": spec.service_id,
        "post": spec.post,
        **{field: getattr(spec, field) for field in SHOWN},
    }


def subjects_about(record):
    found = {}
    for source in sources():
        for subject in source.subjects_about(record):
            found[(type(subject), subject.pk)] = subject
    return list(found.values())


def refresh_tasks_about(record, *, actor=None):
    """Brings up to date the tasks of every subject a change to `record` may change."""
    for subject in subjects_about(record):
        refresh_tasks(subject, actor=actor)


def refresh_due_tasks(today=None, *, actor=None):
    """Opens the tasks that time alone gives (a review coming due, an action going overdue)
    and brings the others a new day changes up to date. Running it again changes nothing."""
    today = today or timezone.localdate()
    refreshed = 0
    for source in sources():
        for subject in getattr(source, "falling_due", lambda today: [])(today):
            opened, changed, _closed = refresh_tasks(subject, actor=actor)
            refreshed += opened + changed
    return refreshed


# The check: the table against the records ---------------------------------------------------


@dataclass(frozen=True)
class Difference:
    what: str  # "missing", "extra" or "changed"
    subject: str
    key: str
    holder: str
    detail: str = ""

    def __str__(self):
        said = f" ({self.detail})" if self.detail else ""
        return f"{self.what}: {self.subject} [{self.key}] for {self.holder}{said}"


def _holder(identity):
    _key, person_id, role, service_id, post = identity
    if person_id is not None:
        return f"person {person_id}"
    held = f"role {role}" + (f" in service {service_id}" if service_id else "")
    return held + (f" as {post}" if post else "")


def expected_tasks():
    """Every task the records give now, by (content type id, subject id): the subject and its
    specs."""
    expected = {}
    for source in sources():
        for queryset in source.subjects():
            for subject in queryset:
                found = expected.setdefault((_type_of(subject).pk, subject.pk), (subject, {}))
                for spec in specs_of(subject):
                    found[1][spec.identity] = spec
    return expected


def differences(repair=False, *, actor=None):
    """What the table says that the records do not, or the other way round. With `repair`,
    the table is brought into line (rows closed, opened or rewritten, never deleted)."""
    expected = expected_tasks()
    found = []
    open_rows = {}
    for row in Task.objects.open().select_related("subject_type").order_by("pk"):
        open_rows.setdefault((row.subject_type_id, row.subject_id), []).append(row)
    for place in set(expected) | set(open_rows):
        already = len(found)
        subject, wanted = expected.get(place, (None, {}))
        rows = {}
        label = str(subject) if subject is not None else _label_of(place, open_rows)
        for row in open_rows.get(place, []):
            if identity_of(row) in rows:
                found.append(
                    Difference("extra", label, row.key, _holder(identity_of(row)), "twice")
                )
            rows.setdefault(identity_of(row), row)
        for identity, spec in wanted.items():
            row = rows.get(identity)
            if row is None:
                found.append(Difference("missing", label, spec.key, _holder(identity)))
            else:
                changed = [f for f in SHOWN if getattr(row, f) != getattr(spec, f)]
                if changed:
                    found.append(
                        Difference(
                            "changed", label, spec.key, _holder(identity), ", ".join(changed)
                        )
                    )
        for identity, row in rows.items():
            if identity not in wanted:
                found.append(Difference("extra", label, row.key, _holder(identity), row.title))
        if repair and len(found) > already:
            if subject is not None:
                refresh_tasks(subject, actor=actor, specs=list(wanted.values()))
            else:
                _close_rows(open_rows[place], actor=actor)
    return sorted(found, key=str)


def _label_of(place, open_rows):
    row = open_rows[place][0]
    return f"{row.subject_type.app_label}.{row.subject_type.model} {row.subject_id}"


@transaction.atomic
def _close_rows(rows, *, actor=None):
    now = timezone.now()
    for row in rows:
        row.closed_at = now
        save_with_history(row, actor=actor)


# Every save of a record a source watches refreshes the tasks about it, in the transaction
# of the service that saved it: no service can forget, whichever way the work moves on. A
# record a source only reads from (its `ABOUT`: a partnership's name and lead officer) counts
# only when one of those fields changed, so that editing or importing the register costs one
# small read a row, or none where the service read the row under lock. -----------------------


def _saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:  # loading fixtures: the records are not yet whole
        return
    refresh_tasks_about(instance, actor=getattr(instance, "_history_user", None))


def _deleted(sender, instance, **kwargs):
    rows = Task.objects.open().filter(subject_type=_type_of(instance), subject_id=instance.pk)
    actor = getattr(instance, "_history_user", None)
    _close_rows(list(rows), actor=actor)
    for subject in subjects_about(instance):
        if not (type(subject) is type(instance) and subject.pk == instance.pk):
            refresh_tasks(subject, actor=actor)


@cache
def _about_fields(model):
    label = model._meta.label_lower
    fields = set()
    for source in sources():
        for about, names in getattr(source, "ABOUT", {}).items():
            if about.lower() == label:
                fields.update(names)
    return sorted(fields)


def _attnames(model, names):
    return [model._meta.get_field(name).attname for name in names]


def read_under_lock(instance):
    """Keeps, of a record a service has just read under lock, the fields the sources read of
    it, so that its save tells which changed without reading them again: no one else can
    change them before the save, and importing a thousand rows read each row twice."""
    attnames = _attnames(type(instance), _about_fields(type(instance)))
    if attnames:
        instance._inbox_before = {attname: getattr(instance, attname) for attname in attnames}
    return instance


def _about_to_change(sender, instance, raw=False, **kwargs):
    """Reads, before the save, the fields the sources read, to tell afterwards which changed."""
    if raw or instance._state.adding or instance.pk is None:
        return
    if hasattr(instance, "_inbox_before"):  # read under lock (read_under_lock)
        return
    attnames = _attnames(sender, _about_fields(sender))
    instance._inbox_before = (
        sender._base_manager.filter(pk=instance.pk).values(*attnames).first() or {}
    )


def _about_changed(sender, instance, created=False, raw=False, **kwargs):
    # A record just made is something nothing yet refers to.
    before = getattr(instance, "_inbox_before", None)
    if raw or created or before is None:
        return
    del instance._inbox_before
    actor = getattr(instance, "_history_user", None)
    label = sender._meta.label_lower
    found = {}
    for source in sources():
        names = {
            name
            for about, fields in getattr(source, "ABOUT", {}).items()
            if about.lower() == label
            for name in fields
        }
        changed = [
            attname
            for attname in _attnames(sender, names)
            if before.get(attname) != getattr(instance, attname)
        ]
        if changed:
            for subject in source.subjects_about(instance):
                found[(type(subject), subject.pk)] = subject
    for subject in found.values():
        refresh_tasks(subject, actor=actor)


def connect():
    watched = {label.lower() for source in sources() for label in source.WATCHES}
    for label in watched:
        model = apps.get_model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"inbox-saved-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"inbox-deleted-{label}")
    about = {label.lower() for source in sources() for label in getattr(source, "ABOUT", {})}
    for label in about - watched:
        model = apps.get_model(label)
        pre_save.connect(_about_to_change, sender=model, dispatch_uid=f"inbox-before-{label}")
        post_save.connect(_about_changed, sender=model, dispatch_uid=f"inbox-about-{label}")
