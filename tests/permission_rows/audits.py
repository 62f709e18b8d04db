"""Permission table rows for internal audit spot checks (V6).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.

The table's auditor drew the spot check, so the write pages answer them; another auditor's
spot check (tests/audits/test_permissions.py) is read-only to them. The table's officer owns
the follow-up action, so they may report its progress and see nothing else of the audit.
"""

import datetime

from accounts.roles import Role
from audits.services import action_add, finding_add, spot_check_draw
from tests.factories import UserFactory

from . import expect

READERS = expect(403, auditor=200, register_keeper=200, smt=200)
ITS_AUDITOR = expect(403, auditor=200)

ROWS = {
    "audits:index": ("get", None, READERS),
    "audits:draw": ("get", None, ITS_AUDITOR),
    "audits:spot_check": ("get", "spot_check", READERS),
    "audits:redraw": ("get", "spot_check", READERS),
    "audits:pdf": ("get", "spot_check", READERS),
    "audits:complete": ("get", "spot_check", ITS_AUDITOR),
    "audits:checklist": ("get", lambda o: [o["spot_check"].pk, o["sampled"].pk], ITS_AUDITOR),
    "audits:finding_add": ("get", "spot_check", ITS_AUDITOR),
    "audits:finding_edit": (
        "get",
        lambda o: [o["spot_check"].pk, o["finding"].pk],
        ITS_AUDITOR,
    ),
    "audits:action_add": (
        "get",
        lambda o: [o["spot_check"].pk, o["finding"].pk],
        ITS_AUDITOR,
    ),
    "audits:action": ("get", "audit_action", expect(403, officer=200, auditor=200)),
}


def objects(made):
    auditor = UserFactory(username="table-auditor", role=Role.AUDITOR)
    spot_check = spot_check_draw("Table spot check", 1, {"status": "current"}, actor=auditor)
    sampled = spot_check.sampled.select_related("partnership").get()
    finding = finding_add(
        spot_check.pk, "No signed terms of reference", "medium", sampled.partnership, actor=auditor
    )
    action = action_add(
        finding.pk,
        "Ask the board for its signed terms of reference",
        UserFactory(username="table-officer", role=Role.OFFICER),
        datetime.date(2030, 1, 1),
        actor=auditor,
    )
    return {
        "spot_check": spot_check,
        "sampled": sampled,
        "finding": finding,
        "audit_action": action,
    }
