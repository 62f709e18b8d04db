"""Officer representatives' annual reports to a committee (Northamptonshire, section 5(b):
"The council representative(s) should report on partnership achievement against targets/
outcomes. Officer representatives will report to Corporate Management Team (CMT) annually").

Each change is one transaction that locks the row it changes, checks the actor's right and
leaves history naming them. The committee's decision comes back through route_approved,
route_returned and route_rejected (settings.ROUTE_OUTCOMES)."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.policy import Policy
from approvals.services import lock_returned_route, route_start
from core.history import save_with_history
from partnerships.models import CURRENT_STATUSES, Partnership

from .access import REPORT_ROUTE, officer_representative, reports_to_committee
from .models import ReportState, RepresentativeReport

if TYPE_CHECKING:
    from accounts.models import User

MISSING = "Enter the partnership's achievement against its targets and outcomes"


def _achievement(text):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"achievement": MISSING})
    return text


def _representative(actor, partnership):
    seat = officer_representative(actor, partnership)
    if seat is None:
        raise PermissionDenied
    return seat


def _lock(report_id, *, actor):
    report = (
        RepresentativeReport.objects.select_for_update()
        .select_related("partnership")
        .get(pk=report_id)
    )
    _representative(actor, report.partnership)
    return report


@transaction.atomic
def report_start(partnership_id: int, achievement: str, *, actor: "User"):
    """The officer representative writes this year's report, saved as a draft."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    seat = _representative(actor, partnership)
    if not reports_to_committee(Policy.current(), partnership):
        raise ValidationError("The policy does not ask for an annual report on this partnership")
    if partnership.status not in CURRENT_STATUSES:
        raise ValidationError("The register no longer holds this partnership")
    year = timezone.localdate().year
    if partnership.representative_reports.filter(year=year).exists():
        raise ValidationError(f"The {year} annual report has already been started")
    report = RepresentativeReport(
        partnership=partnership,
        year=year,
        representative=seat,
        written_by=actor,
        achievement=_achievement(achievement),
    )
    try:
        with transaction.atomic():
            return save_with_history(report, actor=actor)
    except IntegrityError as error:
        # Started a moment ago by another representative; the constraint keeps it to one.
        raise ValidationError(f"The {year} annual report has already been started") from error


@transaction.atomic
def report_save(report_id: int, achievement: str, *, actor: "User"):
    """The representative amends a draft before sending it."""
    report = _lock(report_id, actor=actor)
    if report.state != ReportState.DRAFT:
        raise ValidationError("The report has been sent, so it can no longer be changed")
    report.achievement = _achievement(achievement)
    report.version += 1
    return save_with_history(report, actor=actor)


@transaction.atomic
def report_send(report_id: int, *, actor: "User"):
    """The draft goes along the policy's route to the committee."""
    report = _lock(report_id, actor=actor)
    if report.state != ReportState.DRAFT:
        raise ValidationError("The report has already been sent")
    tier = report.partnership.tier
    if not reports_to_committee(Policy.current(), report.partnership):
        raise ValidationError("The policy no longer asks for an annual report on it")
    report.state = ReportState.SENT
    report.sent_at = timezone.now()
    report.version += 1
    save_with_history(report, actor=actor)
    route_start(report, REPORT_ROUTE, tier, actor=actor)
    return report


@transaction.atomic
def report_send_again(report_id: int, achievement: str, *, actor: "User"):
    """The committee returned the report: the representative amends it and it goes again as
    a new round. What was first sent stays in the report's history."""
    report = RepresentativeReport.objects.select_related("partnership").get(pk=report_id)
    _representative(actor, report.partnership)
    lock_returned_route(report, REPORT_ROUTE)
    report = _lock(report_id, actor=actor)
    if not reports_to_committee(Policy.current(), report.partnership):
        raise ValidationError("The policy no longer asks for an annual report on it")
    report.achievement = _achievement(achievement)
    report.state = ReportState.SENT
    report.sent_at = timezone.now()
    report.version += 1
    save_with_history(report, actor=actor)
    route_start(report, REPORT_ROUTE, report.partnership.tier, actor=actor)
    return report


# The end of a report's route, told by the route engine inside its deciding transaction -----


def _settle(report, state, *, actor, decision=None):
    report = RepresentativeReport.objects.select_for_update().get(pk=report.pk)
    report.state = state
    fields = ["state", "version"]
    if decision is not None:
        report.considered_on = decision.meeting_date
        report.considered_minute = decision.minute_reference
        fields += ["considered_on", "considered_minute"]
    report.version += 1
    save_with_history(report, actor=actor, update_fields=fields)


def route_approved(report, decision, *, actor: "User"):
    """The committee has considered the report: its meeting and minute are kept with it."""
    _settle(report, ReportState.CONSIDERED, actor=actor, decision=decision)


def route_returned(report, decision, *, actor: "User"):
    """The committee asks for more: the representative amends it and sends it again."""
    _settle(report, ReportState.RETURNED, actor=actor)


def route_rejected(report, decision, *, actor: "User"):
    """The decision, with its comment and minute, is the record; the report stays as sent."""
    _settle(report, ReportState.REJECTED, actor=actor)
