"""What the Cabinet report gives people to do (P6): lead officers write their partnership's
entry; the register keeper assembles and closes the report."""

from django.db.models import Count, Q

from accounts.inbox import Task

from .access import can_keep_reports
from .models import CabinetEntry, CabinetReport, CabinetReportState


def tasks(user):
    found = [
        Task(
            kind="Performance report",
            title=f"Write the performance report entry for {entry.partnership.name}",
            url=entry.get_absolute_url(),
            since=entry.report.opened_at,
            detail=f"Performance report, {entry.report.period_label}",
        )
        for entry in CabinetEntry.objects.filter(
            report__state=CabinetReportState.OPEN,
            written_at__isnull=True,
            partnership__lead_officer=user.pk,
        ).select_related("report", "partnership")
    ]
    if can_keep_reports(user):
        for report in CabinetReport.objects.filter(state=CabinetReportState.OPEN).annotate(
            entry_count=Count("entries"),
            written_count=Count("entries", filter=Q(entries__written_at__isnull=False)),
        ):
            found.append(
                Task(
                    kind="Performance report",
                    title=f"Assemble and close the performance report, {report.period_label}",
                    url=report.get_absolute_url(),
                    since=report.opened_at,
                    detail=f"{report.written_count} of {report.entry_count} entries written",
                )
            )
    return found
