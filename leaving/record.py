"""The partnership page's section on leaving it (V7): proposing to leave, the proposal under
way, and once it is approved the cessation evaluation (A6)."""

from accounts.policy import Policy
from assessments.models import CompletedForm, FormState
from partnerships.access import can_edit_partnership
from partnerships.models import Status
from partnerships.providers import RecordSection

from .access import can_see_withdrawal
from .models import WithdrawalState
from .services import can_withdraw

TEMPLATE = "leaving/withdrawal_section.html"


def leaving(request, partnership):
    user = request.user
    section = {"partnership": partnership}
    if partnership.status == Status.ACTIVE:
        # No query here: the record page keeps its query budget. A proposal already under
        # way is reached through the same link (the start page leads to it) and the inbox.
        section["may_withdraw"] = section["show"] = can_withdraw(user, partnership)
        return RecordSection(TEMPLATE, section)
    if partnership.status not in (Status.EXITING, Status.CEASED):
        return None
    approved = (
        partnership.withdrawals.filter(state=WithdrawalState.APPROVED)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if approved is None:
        return None
    approved.partnership = partnership
    key = Policy.for_request(request).cessation_form
    section.update(
        {
            "show": True,
            "approved": approved,
            "approved_visible": can_see_withdrawal(user, approved),
            "evaluation": CompletedForm.objects.filter(
                partnership=partnership, template__key=key, started_at__gte=approved.decided_at
            )
            .exclude(state=FormState.REJECTED)
            .order_by("-started_at", "-pk")
            .first(),
            "evaluation_form": key,
            "may_evaluate": partnership.status == Status.EXITING
            and can_edit_partnership(user, partnership),
        }
    )
    return RecordSection(TEMPLATE, section)
