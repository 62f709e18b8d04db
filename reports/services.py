"""Every change to prioritisations and Cabinet reports goes through a function here: each
checks the actor's right and the record's state, runs in one transaction, locks the row and
leaves a history record naming the actor."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.inbox import start_of
from accounts.policy import Policy
from approvals.services import lock_returned_route, route_start
from core.history import save_with_history
from core.notifications import notify
from partnerships.history import partnership_history
from partnerships.models import CURRENT_STATUSES, Partnership, Tier

from .access import can_keep_reports, can_write_entry
from .models import CabinetEntry, CabinetReport, CabinetReportState, Prioritisation, Priority

if TYPE_CHECKING:
    from accounts.models import User

# The policy's route a closed Cabinet report goes along to the members' body (V5), if it has
# one. The report is on the key partnerships, so it goes as the significant tier.
ROUTE_KIND = "cabinet_report"
ROUTE_TIER = Tier.SIGNIFICANT


class StaleEdit(Exception):
    """Someone saved the entry after this person opened it."""


@transaction.atomic
def prioritisation_save(
    partnership_id: int,
    priority: str,
    withdrawal_candidate: bool,
    reasons: str,
    notes: str = "",
    seen_version: int = None,
    *,
    actor: "User",
):
    """V8: the register keeper sets a current partnership's priority; a low one may be marked
    as a candidate for withdrawal, and then the reasons are required. `seen_version` is the
    version the keeper's form showed (0 for none yet): a save over someone else's is refused."""
    if not can_keep_reports(actor):
        raise PermissionDenied
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    if partnership.status not in CURRENT_STATUSES:
        raise ValidationError("Only a current partnership can be prioritised")
    reasons = (reasons or "").strip()
    if withdrawal_candidate and priority != Priority.LOW:
        raise ValidationError("Only a low priority partnership can be a candidate for withdrawal")
    if withdrawal_candidate and not reasons:
        raise ValidationError("Give the reasons for considering withdrawal")
    found = Prioritisation.objects.select_for_update().filter(partnership=partnership).first()
    if seen_version is not None and (found.version if found else 0) != seen_version:
        raise StaleEdit
    prioritisation = found or Prioritisation(partnership=partnership)
    prioritisation.priority = priority
    prioritisation.withdrawal_candidate = withdrawal_candidate
    prioritisation.withdrawal_reasons = reasons if withdrawal_candidate else ""
    prioritisation.notes = (notes or "").strip()
    prioritisation.set_by = actor
    prioritisation.set_at = timezone.now()
    if found:
        prioritisation.version += 1
    return save_with_history(prioritisation, actor=actor)


def key_partnerships():
    """The partnerships the Cabinet report covers: the current key partnerships (the
    significant tier) that Appendix A marks for additional monitoring. Chorley's framework:
    where key partnerships do not already report to Executive Cabinet, a bi-annual report is
    produced, and "Appendix A clarifies which of the key partnerships this is applicable to"."""
    return Partnership.objects.filter(
        status__in=CURRENT_STATUSES, tier=Tier.SIGNIFICANT, additional_monitoring_required=True
    )


def changes_since(partnership, since):
    """The partnership's recorded changes since `since`, one line each, for the lead officer
    to edit into the entry's "changes" (R12 history, in words)."""
    lines = []
    for entry in reversed(partnership_history(partnership)):
        if since is not None and entry.when <= since:
            continue
        fields = ", ".join(label for label, _old, _new in entry.changes[:4])
        line = f"{entry.when:%-d %B %Y}: {entry.action} {entry.part.lower()} ‘{entry.title}’"
        lines.append(f"{line} ({fields})" if fields else line)
    return "\n".join(lines)


@transaction.atomic
def cabinet_report_open(period_start, period_end, introduction="", *, actor: "User"):
    """V5: opens the report for a period, with one entry per key partnership, each with the
    changes since the previous report filled in for its writer to edit."""
    if not can_keep_reports(actor):
        raise PermissionDenied
    if period_end < period_start:
        raise ValidationError("The end of the period must be after its start")
    if CabinetReport.objects.select_for_update().filter(state=CabinetReportState.OPEN).exists():
        raise ValidationError("Close the report being written before opening another")
    previous = CabinetReport.objects.filter(state=CabinetReportState.CLOSED).first()
    # The first report tells of the changes within its period; later ones, of those since
    # the last report was closed.
    since = previous.closed_at if previous else start_of(period_start)
    report = CabinetReport(
        period_start=period_start,
        period_end=period_end,
        introduction=(introduction or "").strip(),
        opened_by=actor,
        opened_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            save_with_history(report, actor=actor)
    except IntegrityError as error:  # another keeper opened one at the same moment
        raise ValidationError("Close the report being written before opening another") from error
    for partnership in key_partnerships().select_related("lead_officer").order_by("name"):
        entry = CabinetEntry(
            report=report, partnership=partnership, changes=changes_since(partnership, since)
        )
        save_with_history(entry, actor=actor)
        if partnership.lead_officer:
            notify(
                [partnership.lead_officer],
                f"Write the performance report entry for {partnership.name}",
                entry,
            )
    return report


ENTRY_FIELDS = ["performance", "emerging_issues", "on_budget", "partner_strength", "changes"]
REQUIRED = {
    "performance": "Say how the partnership performed against this year's targets",
    "emerging_issues": "Say what issues are emerging, or that there are none",
    "on_budget": "Say whether contracts are on budget",
    "partner_strength": "Say how strong and stable the key partners are",
}


@transaction.atomic
def cabinet_entry_save(entry_id: int, seen_version: int, *, actor: "User", **fields):
    """Writes one partnership's entry. Every part is required, so that a written entry tells
    members all four things the framework asks for."""
    # The report first, then the entry, in the same order as closing takes them: an entry
    # cannot be written into a report that is being closed.
    report_id = CabinetEntry.objects.values_list("report_id", flat=True).get(pk=entry_id)
    report = CabinetReport.objects.select_for_update().get(pk=report_id)
    entry = CabinetEntry.objects.select_for_update().select_related("partnership").get(pk=entry_id)
    entry.report = report
    if not can_write_entry(actor, entry):
        raise PermissionDenied
    if entry.version != seen_version:
        raise StaleEdit
    missing = {name: message for name, message in REQUIRED.items() if not fields.get(name)}
    if missing:
        raise ValidationError(missing)
    for name in ENTRY_FIELDS:
        setattr(entry, name, (fields.get(name) or "").strip())
    entry.written_by = actor
    entry.written_at = timezone.now()
    entry.version += 1
    return save_with_history(entry, actor=actor)


@transaction.atomic
def cabinet_report_close(report_id: int, *, actor: "User"):
    """Closes the report for Cabinet once every entry is written; it is then read-only."""
    if not can_keep_reports(actor):
        raise PermissionDenied
    report = CabinetReport.objects.select_for_update().get(pk=report_id)
    if not report.is_open:
        raise ValidationError("The report is already closed")
    waiting = report.entries.filter(written_at__isnull=True).count()
    if waiting:
        raise ValidationError(
            f"{waiting} {'entry is' if waiting == 1 else 'entries are'} still to be written"
        )
    report.state = CabinetReportState.CLOSED
    report.closed_by = actor
    report.closed_at = timezone.now()
    report.version += 1
    save_with_history(report, actor=actor)
    if Policy.current().has_route(ROUTE_KIND, ROUTE_TIER):
        route_start(report, ROUTE_KIND, ROUTE_TIER, actor=actor)
    return report


@transaction.atomic
def cabinet_report_send_again(report_id: int, introduction: str, *, actor: "User"):
    """The members' body returned the report: the keeper amends its introduction, saying what
    has changed, and it goes to them again as a new round. The report as first sent stays in
    its history."""
    if not can_keep_reports(actor):
        raise PermissionDenied
    lock_returned_route(CabinetReport.objects.get(pk=report_id), ROUTE_KIND)
    report = CabinetReport.objects.select_for_update().get(pk=report_id)
    if not Policy.current().has_route(ROUTE_KIND, ROUTE_TIER):
        raise ValidationError("The policy no longer sends the report to a committee")
    introduction = (introduction or "").strip()
    if not introduction:
        raise ValidationError({"introduction": "Enter the introduction, saying what has changed"})
    report.introduction = introduction
    report.version += 1
    save_with_history(report, actor=actor, update_fields=["introduction", "version"])
    route_start(report, ROUTE_KIND, ROUTE_TIER, actor=actor)
    return report


# The end of a closed report's route, told by the route engine (settings.ROUTE_OUTCOMES)
# inside its deciding transaction ------------------------------------------------------------


def route_approved(report, decision, *, actor: "User"):
    """Cabinet has considered the report: its meeting and minute are kept with the report,
    so its page and history say when it was considered."""
    report = CabinetReport.objects.select_for_update().get(pk=report.pk)
    report.considered_on = decision.meeting_date
    report.considered_minute = decision.minute_reference
    report.version += 1
    save_with_history(
        report, actor=actor, update_fields=["considered_on", "considered_minute", "version"]
    )


def route_returned(report, decision, *, actor: "User"):
    """The report stays as members were sent it until the keeper amends it and sends it
    again (cabinet_report_send_again). The decision, with its comment and minute, is the
    record; the owner is told by the route engine."""


def route_rejected(report, decision, *, actor: "User"):
    """As for a return: the decision on the route is the record; the report stays."""
