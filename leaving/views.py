"""Proposing to leave a partnership (V7): its one page of questions, saved as a draft or sent
for a decision, and the proposal's own page with its route. Decisions are taken on the
generic route decide page (route_views.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import Outcome
from approvals.services import may_decide
from core.forms import add_service_errors
from partnerships.access import get_partnership_for_user, is_responsible

from .access import get_withdrawal_for_user
from .forms import WithdrawalForm
from .models import WithdrawalState
from .services import (
    FIELDS,
    can_edit_withdrawal,
    can_withdraw,
    needs_advice,
    open_withdrawal,
    withdrawal_save,
    withdrawal_start,
    withdrawal_submit,
)


def start(request, pk):
    partnership = get_partnership_for_user(request, pk)
    under_way = open_withdrawal(partnership)
    if under_way is not None and is_responsible(request.user, partnership):
        messages.success(request, "A proposal to leave this partnership is already under way")
        return redirect(under_way)
    if not can_withdraw(request.user, partnership):
        raise PermissionDenied
    return _answer(request, partnership, None)


def edit(request, pk):
    withdrawal, _route = get_withdrawal_for_user(request, pk)
    if not can_edit_withdrawal(request.user, withdrawal):
        raise PermissionDenied
    return _answer(request, withdrawal.partnership, withdrawal)


def _answer(request, partnership, withdrawal):
    submitting = request.POST.get("action") == "submit"
    if withdrawal is not None:
        initial = {name: getattr(withdrawal, name) for name in FIELDS}
    else:
        initial = {"exit_strategy": partnership.exit_strategy}
    form = WithdrawalForm(
        request.POST or None, initial=initial, partnership=partnership, submitting=submitting
    )
    if request.method == "POST" and form.is_valid():
        answers = {name: form.cleaned_data[name] for name in FIELDS}
        try:
            # Started and sent in one go, or not at all.
            with transaction.atomic():
                if withdrawal is None:
                    saved = withdrawal_start(partnership.pk, **answers, actor=request.user)
                else:
                    saved = withdrawal_save(withdrawal.pk, **answers, actor=request.user)
                if submitting:
                    saved = withdrawal_submit(saved.pk, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if submitting:
                messages.success(request, "Your proposal to leave has been sent for a decision")
            else:
                messages.success(request, "Your proposal to leave has been saved as a draft")
            return redirect(saved)
    return render(
        request,
        "leaving/withdrawal_form.html",
        {
            "partnership": partnership,
            "withdrawal": withdrawal,
            "form": form,
            "advice_needed": needs_advice(partnership),
        },
    )


@require_safe
def withdrawal(request, pk):
    """The proposal's page: what it says, where it has got to and every decision on it."""
    withdrawal, route = get_withdrawal_for_user(request, pk)
    partnership = withdrawal.partnership
    decisions = list(route.decisions.all()) if route else []
    returned = [d for d in decisions if d.outcome == Outcome.RETURNED]
    return render(
        request,
        "leaving/withdrawal_detail.html",
        {
            "withdrawal": withdrawal,
            "partnership": partnership,
            "answers": answers(withdrawal),
            "route": route,
            "decisions": decisions,
            # What sent it back: what the proposer must address before sending it again.
            "returned_by": returned[-1]
            if returned and withdrawal.state == WithdrawalState.RETURNED
            else None,
            "can_edit": can_edit_withdrawal(request.user, withdrawal),
            "can_decide": route is not None and may_decide(request.user, route),
            "tier_label": Policy.for_request(request).tier_label(partnership.tier),
        },
    )


def answers(withdrawal):
    """(question, answer) in the order the page asks them, as the page and the PDF show."""
    advice = needs_advice(withdrawal.partnership)
    rows = []
    for name in FIELDS:
        field = withdrawal._meta.get_field(name)
        value = getattr(withdrawal, name)
        if name == "exit_date" and value:
            value = f"{value:%-d %B %Y}"
        label = str(field.verbose_name)
        if name in ("legal_advice", "financial_advice") and not advice and not value:
            value = "Not needed: the partnership is not statutory or contractual"
        rows.append((label[:1].upper() + label[1:], value or "Not answered"))
    return rows
