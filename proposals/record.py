"""The partnership page's notice while the partnership is being proposed (P1-P3): where its
proposal is, and that its checklists go with it."""

from approvals.models import Route
from partnerships.models import Status
from partnerships.providers import RecordSection

from .access import can_see_proposal
from .models import Proposal


def proposal(request, partnership):
    # No query for a partnership in the register: the record page keeps its query budget.
    if partnership.status not in (Status.DRAFT, Status.PROPOSED):
        return None
    found = Proposal.objects.filter(partnership=partnership).first()
    if found is None or not can_see_proposal(
        request.user, found, Route.objects.of(found, "proposal")
    ):
        return None
    context = {"proposal": found, "partnership": partnership}
    return RecordSection("proposals/record_notice.html", context, place="notice")
