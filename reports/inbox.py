"""What the performance report (Chorley's to Executive Cabinet) gives people to do (P6):
lead officers write their partnership's entry; the register keeper assembles and closes it."""

from accounts.inbox import TaskSpec
from accounts.roles import Role
from partnerships.models import Partnership

from .models import CabinetEntry, CabinetReport, CabinetReportState

WATCHES = ["reports.CabinetReport", "reports.CabinetEntry"]
ABOUT = {"partnerships.Partnership": ["name", "lead_officer"]}


def _open_reports():
    return CabinetReport.objects.filter(state=CabinetReportState.OPEN)


def subjects():
    return [
        _open_reports(),
        CabinetEntry.objects.filter(report__in=_open_reports()).select_related(
            "report", "partnership"
        ),
    ]


def tasks_of(subject):
    if isinstance(subject, CabinetEntry):
        return _tasks_of_entry(subject)
    if isinstance(subject, CabinetReport) and subject.is_open:
        entries = list(subject.entries.values_list("written_at", flat=True))
        written = sum(1 for written_at in entries if written_at is not None)
        return [
            TaskSpec(
                kind="Performance report",
                title=f"Assemble and close the performance report, {subject.period_label}",
                url=subject.get_absolute_url(),
                since=subject.opened_at,
                detail=f"{written} of {len(entries)} entries written",
                key="assemble",
                role=Role.REGISTER_KEEPER,
            )
        ]
    return []


def _tasks_of_entry(entry):
    report = entry.report
    lead = entry.partnership.lead_officer_id
    if not report.is_open or entry.is_written or lead is None:
        return []
    return [
        TaskSpec(
            kind="Performance report",
            title=f"Write the performance report entry for {entry.partnership.name}",
            url=entry.get_absolute_url(),
            since=report.opened_at,
            detail=f"Performance report, {report.period_label}",
            key="write",
            person_id=lead,
        )
    ]


def subjects_about(record):
    if isinstance(record, CabinetReport):
        return [record, *record.entries.select_related("partnership")]
    if isinstance(record, CabinetEntry):
        return [record, record.report]
    if isinstance(record, Partnership):
        return list(CabinetEntry.objects.filter(partnership=record, report__in=_open_reports()))
    return []
