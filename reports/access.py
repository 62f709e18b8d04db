"""Who may read and write the reports. Every view asks here; nothing else decides."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role

from .models import CabinetEntry, CabinetReport

# Those the SMT summary and the Cabinet report are for, and Internal Audit, who read
# everything.
READERS = {Role.REGISTER_KEEPER, Role.SMT, Role.AUDITOR}
# The clerk puts the Cabinet report on the members' agenda and records their decision, so
# reads the reports too.
CABINET_REPORT_READERS = READERS | {Role.CLERK}


def can_read_reports(user):
    return user.has_role(*READERS)


def can_read_cabinet_reports(user):
    return user.has_role(*CABINET_REPORT_READERS)


def require_cabinet_report_reader(user):
    if not can_read_cabinet_reports(user):
        raise PermissionDenied


def can_keep_reports(user):
    """Prioritise, open, assemble and close: the register keeper only."""
    return user.has_role(Role.REGISTER_KEEPER)


def can_write_entry(user, entry):
    """The partnership's lead officer, or the register keeper, while the report is open."""
    if not entry.report.is_open:
        return False
    return can_keep_reports(user) or (
        user.is_active and entry.partnership.lead_officer_id == user.pk
    )


def require_reader(user):
    if not can_read_reports(user):
        raise PermissionDenied


def require_keeper(user):
    if not can_keep_reports(user):
        raise PermissionDenied


def get_cabinet_report_for_user(request, pk, write=False):
    require_keeper(request.user) if write else require_cabinet_report_reader(request.user)
    return get_object_or_404(CabinetReport.objects.select_related("opened_by", "closed_by"), pk=pk)


def get_cabinet_entry_for_user(request, pk, write=False):
    entry = get_object_or_404(
        CabinetEntry.objects.select_related(
            "report", "partnership__lead_officer", "partnership__lead_service", "written_by"
        ),
        pk=pk,
    )
    if write:
        if not can_write_entry(request.user, entry):
            raise PermissionDenied
    elif not (
        can_read_reports(request.user) or entry.partnership.lead_officer_id == request.user.pk
    ):
        raise PermissionDenied
    return entry
