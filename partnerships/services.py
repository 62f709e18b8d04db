"""Every change to the register goes through a function here (R12): each checks the actor's
right and the record's state, runs in one transaction, locks the partnership row, bumps its
version and leaves a history record naming the actor."""

import re
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import IntegerField, Max
from django.db.models.functions import Cast, Substr

from accounts.inbox import read_under_lock
from accounts.policy import Policy
from core.history import (
    create_many_with_links,
    create_with_links,
    full_clean_reading_once,
    save_with_history,
)

from .access import can_edit_partnership, can_maintain_register
from .models import Partnership, Status

if TYPE_CHECKING:
    from accounts.models import User


class StaleEdit(Exception):
    """Someone saved the partnership after this person opened it (lost-update guard)."""

    def __init__(self, changes, changed_by):
        self.changes = changes
        self.changed_by = changed_by
        super().__init__("The partnership was changed since it was opened.")


_REFERENCE = re.compile(r"P[0-9]+")


def next_reference_number():
    """The number after the highest register reference (P0001, ... P10000 and on)."""
    highest = (
        Partnership.objects.filter(reference__regex=rf"^{_REFERENCE.pattern}$")
        .annotate(number=Cast(Substr("reference", 2), IntegerField()))
        .aggregate(Max("number"))["number__max"]
    )
    return (highest or 0) + 1


def format_reference(number):
    return f"P{number:04d}"


def next_reference():
    """Called inside the creating transaction; the unique constraint on reference catches the
    rare race between two creators."""
    return format_reference(next_reference_number())


def _classified(partnership, policy):
    """R1: an arrangement is classified before it enters the register. A kind the policy's
    register does not hold is kept, as excluded, with the reason."""
    if not policy.holds_kind(partnership.kind):
        if not partnership.exclusion_reason.strip():
            raise ValidationError(
                {"exclusion_reason": "Give the reason this arrangement is not in the register"}
            )
        partnership.status = Status.EXCLUDED
    else:
        partnership.exclusion_reason = ""
    return partnership


@transaction.atomic
def partnership_create(*, actor: "User", policy=None, **fields):
    """R1: adds one arrangement to the register, classified by the policy."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    policy = policy or Policy.current()
    objectives = fields.pop("strategic_objectives", None)
    partnership = _classified(Partnership(**fields), policy)
    partnership.reference = partnership.reference or next_reference()
    full_clean_reading_once(partnership)
    if objectives:
        return create_with_links(partnership, {"strategic_objectives": objectives}, actor=actor)
    return save_with_history(partnership, actor=actor)


class RowInvalid(Exception):
    """One of the rows given to partnership_create_many or partnership_update_many cannot be
    saved (its ValidationError or StaleEdit is `error`): none was."""

    def __init__(self, index, error):
        self.index = index
        self.error = error
        super().__init__(f"Row {index}: {error}")


# What makes a partnership's record one of a kind: checked for all the rows of an import in
# a read or two, where checking row by row read the register twice for each.
_ONE_OF_A_KIND = (("reference",), ("name", "lead_service"))


def _one_of_a_kind(partnerships):
    for fields in _ONE_OF_A_KIND:
        attnames = [Partnership._meta.get_field(name).attname for name in fields]
        keys = [tuple(getattr(p, a) for a in attnames) for p in partnerships]
        taken = set(
            Partnership.objects.filter(
                **{f"{fields[0]}__in": {key[0] for key in keys}}
            ).values_list(*attnames)
        )
        for index, (partnership, key) in enumerate(zip(partnerships, keys, strict=True)):
            if key in taken:
                message = partnership.unique_error_message(Partnership, fields)
                raise RowInvalid(index, ValidationError(message))
            taken.add(key)


@transaction.atomic
def partnership_create_many(rows: list[dict], *, actor: "User", policy=None):
    """R1, R11: adds many arrangements at once (an import), each classified and checked as
    partnership_create does, with one history record each under the actor's name. A row
    without a reference is numbered after the register's and the rows' own. Raises
    RowInvalid for the first row that cannot be added, and then none is."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    policy = policy or Policy.current()
    partnerships, links = [], []
    for given in rows:
        fields = dict(given)
        links.append({"strategic_objectives": fields.pop("strategic_objectives", None) or []})
        partnerships.append(Partnership(**fields))
    unnumbered = [p for p in partnerships if not p.reference]
    if unnumbered:
        given = [int(p.reference[1:]) for p in partnerships if _REFERENCE.fullmatch(p.reference)]
        number = max([next_reference_number(), *(n + 1 for n in given)])
        for offset, partnership in enumerate(unnumbered):
            partnership.reference = format_reference(number + offset)
    for index, partnership in enumerate(partnerships):
        try:
            _classified(partnership, policy)
            full_clean_reading_once(partnership, unique_apart=("reference", "name"))
        except ValidationError as error:
            raise RowInvalid(index, error) from error
    _one_of_a_kind(partnerships)
    return create_many_with_links(partnerships, links, actor=actor)


def _changes_since(partnership, seen_version):
    """What changed between the version a person opened and now, with who changed it."""
    seen = partnership.history.filter(version=seen_version).order_by("-history_date").first()
    latest = partnership.history.order_by("-history_date").first()
    if seen is None or latest is None:
        return [], None
    delta = latest.diff_against(seen)
    labels = {f.name: f.verbose_name for f in Partnership._meta.fields}
    changes = [
        (str(labels.get(c.field, c.field)).capitalize(), c.old, c.new)
        for c in delta.changes
        if c.field not in {"version", "updated_at"}
    ]
    return changes, latest.history_user


def _locked(partnership_id):
    """The partnership, locked until the transaction ends; the inbox keeps what was read, to
    tell after the save whether a task's title or holder changed without reading it again."""
    return read_under_lock(Partnership.objects.select_for_update().get(pk=partnership_id))


def _as_read(partnership):
    return {f.name: f.value_from_object(partnership) for f in Partnership._meta.concrete_fields}


def _unchanged(partnership, read):
    """The fields an edit leaves as they were read under lock."""
    return {name for name, value in _as_read(partnership).items() if read[name] == value}


@transaction.atomic
def partnership_update(partnership_id: int, seen_version: int, *, actor: "User", **fields):
    """Saves an edit, unless someone else saved since the editor opened the form (then
    StaleEdit, and nothing is written)."""
    return _edited(_locked(partnership_id), seen_version, fields, actor=actor)


@transaction.atomic
def partnership_update_many(edits: list[tuple[int, int, dict]], *, actor: "User"):
    """R11: saves many edits at once (an import), each (partnership id, version seen, fields)
    checked and kept as partnership_update does, with the rows locked in one read rather than
    one a row. Raises RowInvalid, whose error is the ValidationError or StaleEdit, for the
    first edit that cannot be saved, and then none is."""
    ids = [partnership_id for partnership_id, _, _ in edits]
    locked = {
        p.pk: read_under_lock(p)
        for p in Partnership.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    saved = []
    for index, (partnership_id, seen_version, fields) in enumerate(edits):
        try:
            saved.append(_edited(locked[partnership_id], seen_version, fields, actor=actor))
        except (ValidationError, StaleEdit) as error:
            raise RowInvalid(index, error) from error
    return saved


def _edited(partnership, seen_version, fields, *, actor):
    if not can_edit_partnership(actor, partnership):
        raise PermissionDenied
    if partnership.version != seen_version:
        raise StaleEdit(*_changes_since(partnership, seen_version))
    fields = dict(fields)
    objectives = fields.pop("strategic_objectives", None)
    read = _as_read(partnership)
    for name, value in fields.items():
        setattr(partnership, name, value)
    full_clean_reading_once(partnership, unchanged=_unchanged(partnership, read))
    partnership.version += 1
    save_with_history(partnership, actor=actor)
    if objectives is not None:
        partnership.strategic_objectives.set(objectives)
    return partnership


def tier_record(policy, answers):
    """The answers to the policy's tier test as they are kept with a partnership (R3)."""
    return {
        "policy": policy.preset,
        "answers": [
            {"key": q["key"], "question": q["text"], "answer": bool(answers.get(q["key"]))}
            for q in policy.tier_questions
        ],
    }


@transaction.atomic
def partnership_decide_tier(partnership_id: int, answers: dict, *, actor: "User"):
    """R3: the tier follows from the policy's test; the answers are kept with it."""
    partnership = _locked(partnership_id)
    if not can_edit_partnership(actor, partnership):
        raise PermissionDenied
    policy = Policy.current()
    partnership.tier = policy.decide_tier(answers)
    partnership.tier_answers = tier_record(policy, answers)
    partnership.version += 1
    return save_with_history(partnership, actor=actor)


@transaction.atomic
def partnership_exclude(partnership_id: int, reason: str, *, actor: "User"):
    """R1 after a change of policy: a record whose kind the register no longer holds is kept,
    excluded from the register with the reason, so that it can still be listed."""
    partnership = _locked(partnership_id)
    if not can_maintain_register(actor):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why these records are excluded from the register"})
    partnership.status = Status.EXCLUDED
    partnership.exclusion_reason = reason
    partnership.version += 1
    return save_with_history(partnership, actor=actor)


def lock_for_edit(partnership_id: int, *, actor: "User"):
    partnership = _locked(partnership_id)
    if not can_edit_partnership(actor, partnership):
        raise PermissionDenied
    return partnership


def touch(partnership, *, actor: "User"):
    """A change to any part of the record is a change to the record: bump its version so
    that an editor holding an older copy is told."""
    partnership.version += 1
    save_with_history(partnership, actor=actor, update_fields=["version", "updated_at"])


@transaction.atomic
def part_save(partnership_id: int, item, *, actor: "User"):
    """Adds or changes one part of a partnership's record (a partner organisation,
    representative, resource, risk or declaration)."""
    partnership = lock_for_edit(partnership_id, actor=actor)
    if hasattr(item, "partnership_id"):
        item.partnership = partnership
    elif item.representative.partnership_id != partnership.pk:
        raise PermissionDenied
    item.full_clean()
    save_with_history(item, actor=actor)
    touch(partnership, actor=actor)
    return item


@transaction.atomic
def part_delete(partnership_id: int, item, *, actor: "User"):
    partnership = lock_for_edit(partnership_id, actor=actor)
    item._history_user = actor
    item.delete()
    touch(partnership, actor=actor)


@transaction.atomic
def representative_replace(partnership_id: int, outgoing, incoming, *, actor: "User"):
    """R5: one representative replaces another: the outgoing one finishes the day before the
    new one starts, the handover is recorded on the new one, and the change is on record."""
    partnership = lock_for_edit(partnership_id, actor=actor)
    if outgoing.partnership_id != partnership.pk or outgoing.finished_on is not None:
        raise ValidationError("Only a current representative of this partnership can be replaced")
    incoming.partnership = partnership
    incoming.replaces = outgoing
    incoming.full_clean()
    outgoing.finished_on = incoming.started_on
    save_with_history(outgoing, actor=actor)
    save_with_history(incoming, actor=actor)
    touch(partnership, actor=actor)
    return incoming


@transaction.atomic
def objective_save(objective, *, actor: "User"):
    """The strategic objectives list is the register keeper's (R2)."""
    if not can_maintain_register(actor):
        raise PermissionDenied
    objective.full_clean()
    return save_with_history(objective, actor=actor)
