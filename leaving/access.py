"""Who may see a proposal to leave a partnership (V7)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import Role
from approvals.models import Route
from partnerships.access import is_responsible

from .models import ROUTE_KIND, Withdrawal

# They read every withdrawal, to keep the register, decide on one or audit it.
WITHDRAWAL_READERS = (Role.REGISTER_KEEPER, Role.SMT, Role.CLERK, Role.AUDITOR)


def can_see_withdrawal(user, withdrawal, route=None):
    """Whoever answers for the partnership or proposed leaving it, the readers, and anyone
    who holds or has held a step of its route (a Head of Service: of the lead service)."""
    if user.has_role(*WITHDRAWAL_READERS) or is_responsible(user, withdrawal.partnership):
        return True
    if withdrawal.proposed_by_id == user.pk:
        return True
    if route is None:
        return False
    for step in route.steps:
        if user.has_role(step["holder"]) and (
            not step.get("scoped") or user.service_id == withdrawal.route_service_id
        ):
            return True
    return route.decisions.filter(decided_by=user).exists()


def get_withdrawal_for_user(request, pk):
    """A withdrawal and its route (or None before it is sent), if this person may see it."""
    withdrawal = get_object_or_404(
        Withdrawal.objects.select_related(
            "partnership__lead_service", "partnership__lead_officer", "proposed_by"
        ),
        pk=pk,
    )
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    if not can_see_withdrawal(request.user, withdrawal, route):
        raise PermissionDenied
    return withdrawal, route
