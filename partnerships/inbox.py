"""What the register and its approval routes give people to do (P6)."""

from django.contrib.contenttypes.prefetch import GenericPrefetch

from accounts.inbox import Task

from .access import can_maintain_register
from .changes import SignificantChange
from .proposals import Proposal, ProposalState
from .routes import Route
from .withdrawals import Withdrawal


def tasks(user):
    found = []
    waiting = Route.objects.awaiting(user).prefetch_related(
        GenericPrefetch(
            "subject",
            [
                Proposal.objects.select_related("partnership"),
                SignificantChange.objects.select_related("partnership"),
                Withdrawal.objects.select_related("partnership"),
            ],
        )
    )
    for route in waiting:
        found.append(
            Task(
                kind="Decision",
                title=route.subject.route_title,
                url=route.subject.get_absolute_url(),
                since=route.updated_at,
                detail=f"Waiting for your decision: {route.step['label']}",
            )
        )
    mine = Proposal.objects.filter(
        proposer=user, state__in=[ProposalState.DRAFT, ProposalState.RETURNED]
    ).select_related("partnership")
    for proposal in mine:
        returned = proposal.state == ProposalState.RETURNED
        found.append(
            Task(
                kind="Returned to you" if returned else "Draft",
                title=proposal.route_title,
                url=proposal.get_absolute_url(),
                since=proposal.created_at,
                detail="Make the changes asked for and send it again"
                if returned
                else "Finish and submit it",
            )
        )
    if can_maintain_register(user):
        for change in SignificantChange.objects.waiting():
            found.append(
                Task(
                    kind="Significant change",
                    title=f"{change.partnership.name}: asked for by "
                    f"{change.proposed_by.display_name}",
                    url=change.get_absolute_url(),
                    since=change.proposed_at,
                    detail="Apply it, send it to SMT, or decline it",
                )
            )
    return found
