"""A proposer's drafts and returned proposals (P6)."""

from accounts.inbox import TaskSpec
from partnerships.models import Partnership

from .models import Proposal, ProposalState

WATCHES = ["proposals.Proposal"]
# A proposal's title is its partnership's name.
ABOUT = {"partnerships.Partnership": ["name"]}
WAITING = [ProposalState.DRAFT, ProposalState.RETURNED]


def subjects():
    return [Proposal.objects.filter(state__in=WAITING).select_related("partnership")]


def tasks_of(subject):
    if not isinstance(subject, Proposal) or subject.state not in WAITING:
        return []
    returned = subject.state == ProposalState.RETURNED
    return [
        TaskSpec(
            kind="Returned to you" if returned else "Draft",
            title=subject.route_title,
            url=subject.get_absolute_url(),
            since=subject.created_at,
            detail="Make the changes asked for and send it again"
            if returned
            else "Finish and submit it",
            key="proposer",
            person_id=subject.proposer_id,
        )
    ]


def subjects_about(record):
    if isinstance(record, Proposal):
        return [record]
    if isinstance(record, Partnership):
        # Its title is the partnership's name.
        return list(Proposal.objects.filter(partnership=record, state__in=WAITING))
    return []
