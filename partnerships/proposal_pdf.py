"""A proposal as a PDF (A8, P1, P7): the Partnership Information Form as answered, the
alternatives considered, the tier and why, the route and every decision taken along it, for
a committee paper or the file."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.pdf import pdf_filename, pdf_response, render_pdf
from accounts.policy import Policy
from accounts.roles import Role

from .proposals import Proposal, ProposalState
from .routes import Outcome, Route, RouteState
from .views import resource_totals

# Who may read any proposal, besides its proposer and the people who decided on it.
READERS = {Role.REGISTER_KEEPER, Role.SMT, Role.CLERK, Role.AUDITOR}

# A decision in the trail reads as what happened, not as the button that was pressed.
DECIDED = {
    Outcome.APPROVED: "Approved",
    Outcome.RETURNED: "Returned for changes",
    Outcome.REJECTED: "Rejected",
}


def proposal_route(proposal):
    return Route.objects.filter(
        subject_type=ContentType.objects.get_for_model(Proposal),
        subject_id=proposal.pk,
        kind="proposal",
    ).first()


def may_read(user, proposal, decisions):
    return (
        proposal.proposer_id == user.pk
        or user.has_role(*READERS)
        or any(decision.decided_by_id == user.pk for decision in decisions)
    )


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
        holder = policy.role_label(step["holder"])
        rows.append(
            {
                "label": step["label"],
                "decided_by": f"Recorded by the {holder.lower()}" if step["committee"] else holder,
                "status": status,
            }
        )
    return rows


def proposal_pdf(request, pk):
    proposal = get_object_or_404(
        Proposal.objects.select_related(
            "proposer",
            "partnership__lead_service",
            "partnership__lead_officer",
            "partnership__sponsor",
        ),
        pk=pk,
    )
    route = proposal_route(proposal)
    decisions = list(route.decisions.all()) if route else []
    if not may_read(request.user, proposal, decisions):
        raise PermissionDenied
    policy = Policy.for_request(request)
    partnership = proposal.partnership
    risks = list(partnership.risks.all())
    for risk in risks:
        risk.rating = policy.risk_rating(risk.score)
    resources = list(partnership.resources.all())
    for decision in decisions:
        decision.decided = DECIDED[decision.outcome]
    context = {
        "policy": policy,
        "proposal": proposal,
        "partnership": partnership,
        "watermark": "DRAFT" if proposal.state == ProposalState.DRAFT else "",
        "tier_label": policy.tier_label(partnership.tier),
        "objectives": list(partnership.strategic_objectives.all()),
        "partners": list(partnership.partner_organisations.all()),
        "representatives": list(partnership.representatives.all()),
        "resources": resources,
        "resource_years": resource_totals(resources),
        "risks": risks,
        "route": route,
        "steps": route_steps(proposal, route, decisions, policy),
        "decisions": decisions,
        "rounds": route.round if route else 0,
    }
    pdf = render_pdf("partnerships/pdf/proposal.html", context)
    name = pdf_filename(
        policy.council_name, "partnership proposal", partnership.reference, partnership.name
    )
    return pdf_response(pdf, name)
