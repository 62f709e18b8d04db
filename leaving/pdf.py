"""A proposal to leave a partnership as a PDF (V7, A8): the answers, the approval route and
every decision taken along it, for a committee paper or the file."""

from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import DECIDED
from core.pdf import pdf_filename, pdf_response, render_pdf

from .access import get_withdrawal_for_user
from .models import WithdrawalState
from .views import answers


@require_safe
def withdrawal_pdf(request, pk):
    withdrawal, route = get_withdrawal_for_user(request, pk)
    decisions = list(route.decisions.all()) if route else []
    for decision in decisions:
        decision.decided = DECIDED[decision.outcome]
    policy = Policy.for_request(request)
    partnership = withdrawal.partnership
    context = {
        "policy": policy,
        "withdrawal": withdrawal,
        "partnership": partnership,
        "draft": withdrawal.state == WithdrawalState.DRAFT,
        "answers": answers(withdrawal),
        "route": route,
        "decisions": decisions,
        "rounds": route.round if route else 0,
    }
    pdf = render_pdf("leaving/withdrawal_pdf.html", context)
    name = pdf_filename(
        policy.council_name, "leaving a partnership", partnership.reference, partnership.name
    )
    return pdf_response(pdf, name)
