"""Permission table rows for the SMT summary, Cabinet report and prioritisation (V4, V5, V8).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from django.utils import timezone

from accounts.roles import Role
from partnerships.models import Tier
from reports.models import CabinetEntry, CabinetReport

from ..factories import PartnershipFactory, UserFactory
from . import KEEPER_ONLY, expect

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
    return {"cabinet_report": report, "cabinet_entry": entry}
