"""Leaving a partnership (V7): proposing it, sending it for a decision, and the partnership's
own moves from active to exiting (withdrawal approved) and from exiting to ceased (cessation
evaluation accepted)."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from approvals.services import route_start
from core.history import save_with_history
from partnerships.access import is_responsible
from partnerships.models import Kind, LegalStatus, Partnership, Status

from .models import OPEN_STATES, ROUTE_KIND, Withdrawal, WithdrawalState

if TYPE_CHECKING:
    from accounts.models import User

# What the officer writes; the rest of a withdrawal is kept by the services.
FIELDS = [
    "reasons",
    "risks",
    "handover",
    "continuity",
    "exit_strategy",
    "exit_date",
    "legal_advice",
    "financial_advice",
]
ALWAYS_NEEDED = {
    "reasons": "Enter why the council should leave the partnership",
    "risks": "Enter the risks of leaving",
    "handover": "Enter how the council's responsibilities will be handed over",
    "continuity": "Enter how services to residents will continue",
    "exit_strategy": "Enter the exit strategy",
    "exit_date": "Enter the proposed exit date",
}
ADVICE_NEEDED = {
    "legal_advice": "Enter the legal advice taken: the partnership is statutory or contractual",
    "financial_advice": "Enter the financial advice taken: the partnership is statutory or "
    "contractual",
}


def needs_advice(partnership):
    """Northamptonshire 3.1.2: "if the partnership is statutory or contractual then legal,
    financial or contracting advice must be taken prior to any decision". Statutory: marked
    statutory, or a statutory body. Contractual: a contract for services, or a body the council
    is bound to by contract or legal agreement. A partnership agreement alone (a constitution
    or terms of reference) does not make it contractual."""
    return (
        partnership.statutory
        or partnership.kind == Kind.CONTRACT
        or partnership.legal_status in {LegalStatus.CONTRACT, LegalStatus.STATUTORY_BODY}
    )


def can_withdraw(user, partnership):
    """Leaving is proposed for a current, active partnership by whoever answers for it."""
    return partnership.status == Status.ACTIVE and is_responsible(user, partnership)


def can_edit_withdrawal(user, withdrawal):
    return withdrawal.is_editable and is_responsible(user, withdrawal.partnership)


def missing_answers(withdrawal):
    """{field: message} for what must be answered before it can be sent for a decision."""
    needed = dict(ALWAYS_NEEDED)
    if needs_advice(withdrawal.partnership):
        needed.update(ADVICE_NEEDED)
    missing = {}
    for name, message in needed.items():
        value = getattr(withdrawal, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            missing[name] = message
    return missing


def open_withdrawal(partnership):
    return partnership.withdrawals.filter(state__in=OPEN_STATES).first()


def _set(withdrawal, fields):
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not a withdrawal's answer: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(withdrawal, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def withdrawal_start(partnership_id: int, *, actor: "User", **fields):
    """Starts a draft proposal to leave; the exit strategy starts as the one on the record."""
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    if not can_withdraw(actor, partnership):
        raise PermissionDenied
    if open_withdrawal(partnership) is not None:
        raise ValidationError("A proposal to leave this partnership is already under way")
    withdrawal = Withdrawal(
        partnership=partnership, proposed_by=actor, exit_strategy=partnership.exit_strategy
    )
    _set(withdrawal, fields)
    return save_with_history(withdrawal, actor=actor)


def _lock(withdrawal_id: int, *, actor: "User"):
    withdrawal = (
        Withdrawal.objects.select_for_update(of=("self",))
        .select_related("partnership")
        .get(pk=withdrawal_id)
    )
    if not can_edit_withdrawal(actor, withdrawal):
        raise PermissionDenied
    return withdrawal


@transaction.atomic
def withdrawal_save(withdrawal_id: int, *, actor: "User", **fields):
    """Saves a draft (or returned) proposal's answers, however incomplete."""
    withdrawal = _lock(withdrawal_id, actor=actor)
    _set(withdrawal, fields)
    return save_with_history(withdrawal, actor=actor)


@transaction.atomic
def withdrawal_submit(withdrawal_id: int, *, actor: "User", **fields):
    """Saves the answers and sends the proposal along the policy's withdrawal route for the
    partnership's tier; a returned one starts the route again. Nothing is saved when an answer
    is missing."""
    withdrawal = _lock(withdrawal_id, actor=actor)
    partnership = Partnership.objects.select_for_update().get(pk=withdrawal.partnership_id)
    if partnership.status != Status.ACTIVE:
        raise ValidationError("Only an active partnership can be left")
    _set(withdrawal, fields)
    missing = missing_answers(withdrawal)
    if missing:
        raise ValidationError(missing)
    withdrawal.state = WithdrawalState.SUBMITTED
    withdrawal.submitted_at = timezone.now()
    save_with_history(withdrawal, actor=actor)
    try:
        route_start(withdrawal, ROUTE_KIND, partnership.tier, actor=actor)
    except KeyError as error:
        raise ValidationError("The policy has no route for leaving a partnership") from error
    return withdrawal


# The partnership's own moves ----------------------------------------------------------------
# Called by the route engine's outcome, inside its transaction, once the route's last holder
# has decided: the route is the permission.


def _move(partnership_id: int, from_status, to_status, reason: str, *, actor: "User"):
    partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
    if partnership.status != from_status:
        raise ValidationError(
            f"The partnership is {partnership.get_status_display().lower()}, not "
            f"{Status(from_status).label.lower()}"
        )
    partnership.status = to_status
    partnership.version += 1
    partnership._change_reason = reason[:100]
    return save_with_history(partnership, actor=actor)


@transaction.atomic
def partnership_begin_exit(partnership_id: int, reason: str, *, actor: "User"):
    """V7: the withdrawal was approved: the partnership is exiting (still current)."""
    return _move(partnership_id, Status.ACTIVE, Status.EXITING, reason, actor=actor)


@transaction.atomic
def partnership_cease(partnership_id: int, reason: str, *, actor: "User"):
    """V7: the cessation evaluation was accepted: the partnership has ceased. It leaves the
    current register and is kept, with its history, for searching."""
    return _move(partnership_id, Status.EXITING, Status.CEASED, reason, actor=actor)


@transaction.atomic
def evaluation_accepted(form, *, actor: "User"):
    """A6: an accepted evaluation of an exiting partnership is its cessation evaluation, and
    the partnership ceases. One at review, of an active partnership, changes nothing."""
    partnership = Partnership.objects.select_for_update().get(pk=form.partnership_id)
    if partnership.status != Status.EXITING:
        return None
    return partnership_cease(
        partnership.pk, f"Cessation evaluation {form.pk} accepted", actor=actor
    )


# The end of a withdrawal's route, told by the route engine (settings.ROUTE_OUTCOMES) inside
# its deciding transaction -----------------------------------------------------------------


def _decided(withdrawal, decision, state, *, actor: "User"):
    withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    withdrawal.state = state
    withdrawal.decided_at = decision.decided_at if decision else None
    save_with_history(withdrawal, actor=actor, update_fields=["state", "decided_at"])
    return withdrawal


def route_approved(withdrawal, decision, *, actor: "User"):
    """Final approval: the council is leaving; the partnership is exiting until its
    cessation evaluation is accepted."""
    _decided(withdrawal, decision, WithdrawalState.APPROVED, actor=actor)
    partnership_begin_exit(
        withdrawal.partnership_id, f"Withdrawal {withdrawal.pk} approved", actor=actor
    )


def route_returned(withdrawal, decision, *, actor: "User"):
    withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    withdrawal.state = WithdrawalState.RETURNED
    save_with_history(withdrawal, actor=actor, update_fields=["state"])


def route_rejected(withdrawal, decision, *, actor: "User"):
    """The council stays in the partnership; the proposal is kept, marked rejected."""
    _decided(withdrawal, decision, WithdrawalState.REJECTED, actor=actor)
