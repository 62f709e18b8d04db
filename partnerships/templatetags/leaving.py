"""The partnership page's section on leaving it (V7): proposing to leave, the proposal under
way, and once it is approved the cessation evaluation (A6)."""

from django import template
from django.apps import apps

from accounts.policy import Policy

from ..access import can_edit_partnership, can_see_withdrawal
from ..models import Status
from ..withdrawal_services import can_withdraw
from ..withdrawals import OPEN_STATES, WithdrawalState

register = template.Library()


@register.inclusion_tag("partnerships/withdrawal_section.html", takes_context=True)
def leaving_section(context, partnership):
    user = context["request"].user
    section = {"partnership": partnership}
    if partnership.status not in (Status.ACTIVE, Status.EXITING, Status.CEASED):
        return section
    withdrawals = list(
        partnership.withdrawals.filter(
            state__in=[*OPEN_STATES, WithdrawalState.APPROVED]
        ).select_related("proposed_by")
    )
    for withdrawal in withdrawals:
        withdrawal.partnership = partnership
    under_way = next((w for w in withdrawals if w.state in OPEN_STATES), None)
    approved = next((w for w in withdrawals if w.state == WithdrawalState.APPROVED), None)
    section.update(
        {
            "show": True,
            "under_way": under_way if under_way and can_see_withdrawal(user, under_way) else None,
            "approved": approved,
            "approved_visible": approved is not None and can_see_withdrawal(user, approved),
            "may_withdraw": under_way is None and can_withdraw(user, partnership),
        }
    )
    if approved is not None:
        key = Policy.current().evaluation_form
        evaluation = (
            apps.get_model("assessments", "CompletedForm")
            .objects.filter(
                partnership=partnership,
                template__key=key,
                started_at__gte=approved.decided_at,
            )
            .exclude(state="rejected")
            .order_by("-started_at", "-pk")
            .first()
        )
        section.update(
            {
                "evaluation": evaluation,
                "evaluation_form": key,
                "may_evaluate": partnership.status == Status.EXITING
                and can_edit_partnership(user, partnership),
            }
        )
    section["show"] = bool(section["under_way"] or section["may_withdraw"] or approved is not None)
    return section
