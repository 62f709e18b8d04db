"""Permission table rows for the SMT summary, Cabinet report and prioritisation (V4, V5, V8).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from django.utils import timezone

from accounts.roles import Role
from partnerships.models import Tier
from reports.models import CabinetEntry, CabinetReport, CabinetReportState
from reports.services import ROUTE_KIND

from ..factories import PartnershipFactory, UserFactory
from . import KEEPER_ONLY, expect, returned_route

READERS = expect(403, register_keeper=200, smt=200, auditor=200)
# The clerk puts the Cabinet report on the members' agenda and records their decision.
CABINET_READERS = expect(403, register_keeper=200, smt=200, auditor=200, clerk=200)

ROWS = {
    "reports:index": ("get", None, READERS),
    "reports:priorities": ("get", None, READERS),
    "reports:prioritise": ("get", "partnership", KEEPER_ONLY),
    "reports:summary": ("get", None, READERS),
    "reports:summary_pdf": ("get", None, READERS),
    "reports:cabinet_reports": ("get", None, CABINET_READERS),
    "reports:cabinet_open": ("get", None, KEEPER_ONLY),
    "reports:cabinet_report": ("get", "cabinet_report", CABINET_READERS),
    "reports:cabinet_close": ("get", "cabinet_report", KEEPER_ONLY),
    "reports:cabinet_pdf": ("get", "cabinet_report", CABINET_READERS),
    # Sending again a report the members' body returned is the keeper's.
    "reports:cabinet_send_again": ("get", "returned_cabinet_report", KEEPER_ONLY),
    # The table's officer leads no partnership: tests/reports covers the lead officer.
    "reports:cabinet_entry": ("get", "cabinet_entry", KEEPER_ONLY),
}


def objects(made):
    opener = UserFactory(username="table-report-opener", role=Role.REGISTER_KEEPER)
    report = CabinetReport.objects.create(
        period_start=timezone.localdate().replace(month=4, day=1),
        period_end=timezone.localdate().replace(month=9, day=30),
        opened_by=opener,
        opened_at=timezone.now(),
    )
    entry = CabinetEntry.objects.create(
        report=report, partnership=PartnershipFactory(tier=Tier.SIGNIFICANT)
    )
    returned = CabinetReport.objects.create(
        period_start=timezone.localdate().replace(
            year=timezone.localdate().year - 1, month=4, day=1
        ),
        period_end=timezone.localdate().replace(
            year=timezone.localdate().year - 1, month=9, day=30
        ),
        opened_by=opener,
        opened_at=timezone.now(),
        state=CabinetReportState.CLOSED,
        closed_by=opener,
        closed_at=timezone.now(),
    )
    returned_route(returned, ROUTE_KIND, actor=opener)
    return {"cabinet_report": report, "cabinet_entry": entry, "returned_cabinet_report": returned}
