"""Permission table rows for withdrawal, cessation and evaluations (V7, A6).

ROWS maps a URL name to (method, arguments, statuses by role), as in TABLE; `objects` makes
the records those rows need, given the table's shared objects.
"""

from accounts.roles import Role
from leaving.services import withdrawal_start, withdrawal_submit

from ..factories import PartnershipFactory, UserFactory
from . import expect

# Those who read every withdrawal, and the table's Head of Service, who holds the first step
# of the waiting one (the lead service is theirs).
WITHDRAWAL_READERS = expect(
    403, head_of_service=200, register_keeper=200, smt=200, clerk=200, auditor=200
)

ROWS = {
    # The table's people neither lead nor sponsor the partnership: only the keeper may.
    "leaving:start": (
        "get",
        "leaving_partnership",
        expect(403, register_keeper=200),
    ),
    "leaving:withdrawal": ("get", "withdrawal", WITHDRAWAL_READERS),
    "leaving:pdf": ("get", "withdrawal", WITHDRAWAL_READERS),
    # A draft of a lead officer outside the table: only the keeper, of the table's roles.
    "leaving:edit": ("get", "draft_withdrawal", expect(403, register_keeper=200)),
    # Published to every officer once accepted (A6).
    "assessments:evaluations": ("get", None, expect(200)),
}


def objects(made):
    service = made["proposal"].partnership.lead_service
    leader = UserFactory(username="table-leaver", role=Role.OFFICER, service=service)
    leaving = PartnershipFactory(name="Table leaving", lead_service=service, lead_officer=leader)
    withdrawal = withdrawal_start(leaving.pk, actor=leader)
    withdrawal_submit(
        withdrawal.pk,
        reasons="Its work is done",
        risks="None",
        handover="To the county",
        continuity="The county continues it",
        exit_strategy="Notice",
        exit_date=leaving.created_at.date(),
        actor=leader,
    )
    drafting = PartnershipFactory(name="Table draft leaving", lead_officer=leader)
    return {
        "leaving_partnership": PartnershipFactory(name="Table stays"),
        "withdrawal": withdrawal,
        "draft_withdrawal": withdrawal_start(drafting.pk, actor=leader),
    }
