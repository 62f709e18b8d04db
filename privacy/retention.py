"""The retention schedule (UK GDPR Article 5(1)(e)): personal data kept no longer than the
policy says, applied every day by `manage.py apply_retention`.

What is due is anonymised where it stands, in the record and in every one of its history
rows, so that the register keeps its shape (a partnership had three representatives, one of
them replaced in 2019) but no longer says who they were. simple-history copies each save into
a history row; a record scrubbed but not its history would still hold everything."""

from dataclasses import dataclass, field
from datetime import datetime, time

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.policy import Policy
from partnerships.models import Declaration, Document, Partnership, Representative, Risk, Status

NAME_REMOVED = "Name removed under the retention schedule"
HISTORY_REASON = "Personal data removed under the retention schedule"


def years_before(day, years):
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass
class RetentionRun:
    representatives: int = 0
    declarations: int = 0
    risk_owners: int = 0
    files_deleted: int = 0
    notes: list = field(default_factory=list)


def ceased_on(partnership_ids):
    """When each ceased partnership ceased: the first history row of its last run as ceased."""
    history = Partnership.history.model.objects.filter(id__in=partnership_ids)
    last_other = dict(
        history.exclude(status=Status.CEASED)
        .values("id")
        .annotate(last=Max("history_date"))
        .values_list("id", "last")
    )
    found = {}
    for pk, when in (
        history.filter(status=Status.CEASED)
        .order_by("history_date")
        .values_list("id", "history_date")
    ):
        if pk not in found and (pk not in last_other or when > last_other[pk]):
            found[pk] = timezone.localdate(when)
    return found


def due_representatives(today, policy):
    """Representatives whose details have passed their time: appointment ended long enough
    ago, or on a partnership that ceased long enough ago."""
    ended_before = years_before(today, policy.retain_representatives_years)
    ceased_before = years_before(today, policy.retain_ceased_partnerships_years)
    ceased = ceased_on(
        Partnership.objects.filter(status=Status.CEASED).values_list("pk", flat=True)
    )
    long_ceased = [pk for pk, day in ceased.items() if day < ceased_before]
    return Representative.objects.exclude(name=NAME_REMOVED).filter(
        Q(finished_on__lt=ended_before) | Q(partnership_id__in=long_ceased)
    ), long_ceased


def _scrub_history(model, pks, **values):
    model.history.model.objects.filter(id__in=pks).update(**values)


REPRESENTATIVE_BLANK = {"name": NAME_REMOVED, "user": None, "handover_notes": ""}
DECLARATION_BLANK = {"interests": "", "notes": ""}


@transaction.atomic
def anonymise_representatives(pks):
    """Removes who a representative was, and what they declared, from the records and from
    their history. Returns (representatives, declarations) anonymised."""
    representatives = list(Representative.objects.select_for_update().filter(pk__in=pks))
    declarations = list(
        Declaration.objects.select_for_update().filter(representative__in=representatives)
    )
    for declaration in declarations:
        for name, value in DECLARATION_BLANK.items():
            setattr(declaration, name, value)
        declaration._change_reason = HISTORY_REASON
        declaration.save()
    for representative in representatives:
        for name, value in REPRESENTATIVE_BLANK.items():
            setattr(representative, name, value)
        representative._change_reason = HISTORY_REASON
        representative.save()
    # Every earlier copy too, including those of declarations and representatives that were
    # deleted from the record (their rows are found through the history alone).
    _scrub_history(Declaration, [d.pk for d in declarations], **DECLARATION_BLANK)
    _scrub_history(Representative, [r.pk for r in representatives], **REPRESENTATIVE_BLANK)
    return len(representatives), len(declarations)


@transaction.atomic
def anonymise_deleted_people(before):
    """Representatives and declarations taken off the record before `before` live on only in
    their history rows: scrubbed in the same way."""
    reps = Representative.history.model.objects.filter(history_type="-", history_date__lt=before)
    rep_ids = set(reps.values_list("id", flat=True)) - set(
        Representative.objects.values_list("pk", flat=True)
    )
    decs = Declaration.history.model.objects.filter(
        Q(history_type="-", history_date__lt=before) | Q(representative_id__in=rep_ids)
    )
    dec_ids = set(decs.values_list("id", flat=True)) - set(
        Declaration.objects.values_list("pk", flat=True)
    )
    pending_reps = (
        Representative.history.model.objects.filter(id__in=rep_ids)
        .exclude(name=NAME_REMOVED)
        .values("id")
        .distinct()
        .count()
    )
    _scrub_history(Representative, rep_ids, **REPRESENTATIVE_BLANK)
    _scrub_history(Declaration, dec_ids, **DECLARATION_BLANK)
    return pending_reps


@transaction.atomic
def anonymise_risk_owners(partnership_ids):
    """A risk's owner is a named person: removed once the partnership is past its time."""
    risks = list(
        Risk.objects.select_for_update()
        .filter(partnership_id__in=partnership_ids)
        .exclude(owner=NAME_REMOVED)
    )
    for risk in risks:
        risk.owner = NAME_REMOVED
        risk._change_reason = HISTORY_REASON
        risk.save()
    Risk.history.model.objects.filter(partnership_id__in=partnership_ids).update(owner=NAME_REMOVED)
    return len(risks)


def delete_removed_files(before):
    """The stored files of documents taken off the record before `before`: the history keeps
    that they were there (title, who attached them, when), not what they said."""
    removed = Document.history.model.objects.filter(history_type="-", history_date__lt=before)
    in_use = set(Document.objects.values_list("file", flat=True))
    storage = Document._meta.get_field("file").storage
    deleted = 0
    for name in set(removed.exclude(file="").values_list("file", flat=True)) - in_use:
        if storage.exists(name):
            storage.delete(name)
            deleted += 1
        Document.history.model.objects.filter(file=name).update(file="")
    return deleted


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def apply_retention(today=None):
    """Applies the policy's retention schedule as of `today`; safe to run again and again."""
    today = today or timezone.localdate()
    policy = Policy.current()
    run = RetentionRun()
    due, long_ceased = due_representatives(today, policy)
    run.representatives, run.declarations = anonymise_representatives(
        list(due.values_list("pk", flat=True))
    )
    run.representatives += anonymise_deleted_people(
        _start_of(years_before(today, policy.retain_representatives_years))
    )
    run.risk_owners = anonymise_risk_owners(long_ceased)
    run.files_deleted = delete_removed_files(
        _start_of(years_before(today, policy.retain_deleted_documents_years))
    )
    return run
