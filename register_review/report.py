"""The report for SMT and Leading Members (V3), built once when the review closes and kept
with it, so that later edits to the register do not change the paper they considered.

Everything is stored as display text: a snapshot must not depend on labels, names or
policy wording that may change afterwards.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone

from core.pdf import render_pdf
from partnerships.models import CURRENT_STATUSES, Partnership, Status, kind_label

from .models import Outcome

# Bookkeeping columns that change on every save and tell a reader nothing.
NOT_CHANGES = {"id", "version", "created_at", "updated_at"}


def _day(value):
    return f"{timezone.localtime(value):%-d %B %Y}" if value else ""


def _name(user):
    return user.display_name if user else ""


def progress_by_service(entries):
    """Confirmed, updated and outstanding counts per lead service, in one query."""
    rows = (
        entries.values("partnership__lead_service__name")
        .annotate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(outcome=Outcome.CONFIRMED)),
            updated=Count("pk", filter=Q(outcome=Outcome.UPDATED)),
            outstanding=Count("pk", filter=Q(outcome=Outcome.OUTSTANDING)),
        )
        .order_by("partnership__lead_service__name")
    )
    services = [
        {
            "service": row["partnership__lead_service__name"],
            **{key: row[key] for key in ("total", "confirmed", "updated", "outstanding")},
        }
        for row in rows
    ]
    totals = {
        key: sum(row[key] for row in services)
        for key in ("total", "confirmed", "updated", "outstanding")
    }
    return services, totals


def changes_during(opened_at, closed_at, partnership_ids):
    """Each of these partnerships whose record changed between opening and closing: which
    fields and who changed them, from its history (R12)."""
    window = (
        Partnership.history.filter(history_date__gt=opened_at, history_date__lte=closed_at)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    latest, editors = {}, defaultdict(set)
    for record in window:
        if record.id not in partnership_ids:
            continue  # a draft proposal, say: not part of the register under review
        latest[record.id] = record
        if record.history_user:
            editors[record.id].add(record.history_user.display_name)
    if not latest:
        return []
    before = {}
    for record in Partnership.history.filter(
        id__in=list(latest), history_date__lte=opened_at
    ).order_by("id", "history_date", "history_id"):
        before[record.id] = record
    labels = {
        f.name: str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:]
        for f in Partnership._meta.fields
    }
    changed = []
    for pk, record in latest.items():
        if pk in before:
            delta = record.diff_against(before[pk])
            fields = [
                labels.get(c.field, c.field) for c in delta.changes if c.field not in NOT_CHANGES
            ]
            if not fields:
                continue
        else:
            fields = ["Added to the register"]
        changed.append(
            {
                "partnership_id": pk,
                "reference": record.reference,
                "name": record.name,
                "fields": fields,
                "by": sorted(editors[pk]),
            }
        )
    return sorted(changed, key=lambda row: (row["name"], row["reference"]))


def build_report(review, policy, until=None):
    """The report as the register stands at `until` (when the review closed, unless it is
    taken again to send it again): what changed is what changed from opening until then."""
    entries = review.entries.select_related(
        "partnership__lead_service", "partnership__lead_officer", "confirmed_by"
    ).order_by("partnership__lead_service__name", "partnership__name", "pk")
    services, totals = progress_by_service(review.entries.all())
    outcomes = {}
    not_confirmed = []
    for entry in entries:
        outcomes[entry.partnership_id] = entry.get_outcome_display()
        if entry.is_outstanding:
            partnership = entry.partnership
            not_confirmed.append(
                {
                    "reference": partnership.reference,
                    "name": partnership.name,
                    "service": partnership.lead_service.name,
                    "lead_officer": _name(partnership.lead_officer),
                }
            )
    current = list(
        Partnership.objects.filter(status__in=CURRENT_STATUSES)
        .select_related("lead_service", "lead_officer")
        .in_register_order()
    )
    updated = []
    in_scope = set(outcomes) | {p.pk for p in current}
    for row in changes_during(review.opened_at, until or review.closed_at, in_scope):
        row["outcome"] = outcomes.get(row.pop("partnership_id"), "Added during the review")
        updated.append(row)
    register = [
        {
            "reference": p.reference,
            "name": p.name,
            "service": p.lead_service.name,
            "kind": kind_label(policy, p.kind),
            "tier": policy.tier_label(p.tier),
            "status": Status(p.status).label,
            "lead_officer": _name(p.lead_officer),
            "accountable_body": policy.council_name
            if p.council_is_accountable_body
            else p.accountable_body,
            "outcome": outcomes.get(p.pk, "Added during the review"),
        }
        for p in current
    ]
    return {
        "year": review.year,
        "council": policy.council_name,
        "register_name": policy.register_name,
        "opened": _day(review.opened_at),
        "opened_by": _name(review.opened_by),
        "confirm_by": f"{review.confirm_by:%-d %B %Y}",
        "closed": _day(review.closed_at),
        "closed_by": _name(review.closed_by),
        "chases": review.chases.count(),
        "totals": totals,
        "services": services,
        "updated": updated,
        "not_confirmed": not_confirmed,
        "register": register,
    }


def printed_report(review, policy):
    """The closed review's report printed: the pack its committees are sent."""
    return render_pdf(
        "register_review/pdf/report.html",
        {"policy": policy, "review": review, "report": review.report},
    )
