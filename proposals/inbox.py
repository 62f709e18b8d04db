"""A proposer's drafts and returned proposals (P6)."""

from accounts.inbox import Task

from .models import Proposal, ProposalState


def tasks(user):
    mine = Proposal.objects.filter(
        proposer=user, state__in=[ProposalState.DRAFT, ProposalState.RETURNED]
    ).select_related("partnership")
    found = []
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
    return found
