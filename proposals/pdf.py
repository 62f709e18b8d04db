"""A proposal as a PDF (A8, P1, P7): the Partnership Information Form as answered, the
alternatives considered, the tier and why, the route and every decision taken along it, for
a committee paper or the file."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import DECIDED, Route, RouteState
from core.pdf import pdf_filename, pdf_response, render_pdf
from partnerships.views import resource_totals

from .access import can_see_proposal
from .models import Proposal, ProposalState


def proposal_route(proposal):
    return Route.objects.of(proposal, "proposal")


def route_steps(proposal, route, decisions, policy):
    """Each step with what became of it in the latest round. Before the proposal is sent,
    the steps are the ones the policy would give it now."""
    if route is None:
        try:
            steps = policy.route_steps(
                "proposal",
                proposal.partnership.tier,
                extra_council=proposal.needs_extra_authority,
            )
        except KeyError:
            steps = []
        latest = {}
    else:
        steps = route.steps
        latest = {d.step_index: d for d in decisions if d.round == route.round}
    rows = []
    for index, step in enumerate(steps):
        decision = latest.get(index)
        if decision:
            status = DECIDED[decision.outcome]
        elif route and route.state == RouteState.IN_PROGRESS and index == route.current_step:
            status = "Awaiting a decision"
        else:
            status = "Not reached"
        decided_by = policy.role_label(step["holder"])
        if step["committee"]:
            # A committee decides at its meeting; the clerk records what it decided.
            decided_by = f"{step['label']} (recorded by {decided_by})"
        rows.append({"label": step["label"], "decided_by": decided_by, "status": status})
    return rows


def record_parts(partnership, policy):
    """The parts of the record the form asks about, each read once."""
    risks = list(partnership.risks.all())
    for risk in risks:
        risk.rating = policy.risk_rating(risk.score)
    resources = list(partnership.resources.all())
    return {
        "objectives": list(partnership.strategic_objectives.all()),
        "partners": list(partnership.partner_organisations.all()),
        "representatives": list(partnership.representatives.all()),
        "resources": resources,
        "resource_years": resource_totals(resources),
        "risks": risks,
    }


@require_safe
def proposal_pdf(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related("proposer", "partnership__lead_service"), pk=pk
    )
    route = proposal_route(proposal)
    if not can_see_proposal(request.user, proposal, route):
        raise PermissionDenied
    policy = Policy.for_request(request)
    name = pdf_filename(
        policy.council_name,
        "partnership proposal",
        proposal.partnership.reference,
        proposal.partnership.name,
    )
    return pdf_response(proposal_pdf_bytes(proposal, policy, route), name)


def proposal_pdf_bytes(proposal, policy, route=None):
    """The proposal as printed: its download, and the pack a committee on its route reads."""
    route = route or proposal_route(proposal)
    decisions = list(route.decisions.all()) if route else []
    partnership = proposal.partnership
    for decision in decisions:
        decision.decided = DECIDED[decision.outcome]
    context = {
        "policy": policy,
        "proposal": proposal,
        "partnership": partnership,
        "watermark": "DRAFT" if proposal.state == ProposalState.DRAFT else "",
        "tier_label": policy.tier_label(partnership.tier),
        "significant_label": policy.tier_label("significant"),
        **record_parts(partnership, policy),
        "route": route,
        "steps": route_steps(proposal, route, decisions, policy),
        "decisions": decisions,
        "rounds": route.round if route else 0,
        # P2: the pre-partnership checklists travel with the proposal.
        "checklists": list(
            partnership.completed_forms.select_related("template").filter(
                template__key__in=policy.checklists_for(partnership.tier)
            )
        ),
    }
    return render_pdf("proposals/pdf/proposal.html", context)
