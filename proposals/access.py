"""Who may see a proposal, and holding one still while a page of it is changed."""

from django.core.exceptions import PermissionDenied

from accounts.roles import Role

from .models import Proposal
from .services import can_edit_proposal

# They read every proposal, to keep the register, advise on it or audit it; none may change one.
READERS = (Role.REGISTER_KEEPER, Role.SMT, Role.CLERK, Role.AUDITOR)


def holds_step(user, proposal, step):
    """Whether this person's role holds the step; a Head of Service step is held only by the
    head of the proposer's service."""
    if not user.has_role(step["holder"]):
        return False
    return not step.get("scoped") or user.service_id == proposal.route_service_id


def can_see_proposal(user, proposal, route=None):
    """The proposer; anyone who holds, or has held, a step of its route; and the readers.
    A draft that was never submitted has no route, so it stays between the proposer and them."""
    if proposal.proposer_id == user.pk or user.has_role(*READERS):
        return True
    if route is None:
        return False
    if any(holds_step(user, proposal, step) for step in route.steps):
        return True
    # Someone who decided a step keeps sight of it after moving role or service.
    return route.decisions.filter(decided_by=user).exists()


def lock_for_editing(user, proposal_id):
    """Inside a transaction: locks the proposal once it is sure this person may still change
    it, so that a part added in one tab cannot slip in after it was submitted from another."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not can_edit_proposal(user, proposal):
        raise PermissionDenied
    return proposal
