"""Proposing a partnership (P1, P2, P5): drafting, submitting and resubmitting."""

from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.policy import Policy
from approvals.services import route_start
from assessments.services import checklists_decided, checklists_sent
from core.history import save_with_history
from partnerships.models import Kind, Partnership, Status
from partnerships.services import next_reference

from .models import Proposal, ProposalState

if TYPE_CHECKING:
    from accounts.models import User


def can_propose(user):
    return user.can_propose


def can_edit_proposal(user, proposal):
    return proposal.proposer_id == user.pk and proposal.state in {
        ProposalState.DRAFT,
        ProposalState.RETURNED,
    }


@transaction.atomic
def proposal_start(name: str, lead_service, kind=Kind.PARTNERSHIP, joining="new", *, actor: "User"):
    """Starts a draft: the partnership record (status draft) and the proposal around it."""
    if not can_propose(actor):
        raise PermissionDenied
    partnership = Partnership(
        reference=next_reference(),
        name=name,
        kind=kind,
        lead_service=lead_service,
        lead_officer=actor,
        status=Status.DRAFT,
        remit="",
    )
    # Say plainly if the service already has a partnership of that name, not a server error.
    partnership.validate_constraints()
    save_with_history(partnership, actor=actor)
    proposal = Proposal(partnership=partnership, proposer=actor, joining=joining)
    return save_with_history(proposal, actor=actor)


@transaction.atomic
def proposal_save(
    proposal_id: int, partnership_fields=None, proposal_fields=None, *, actor: "User"
):
    """Saves answers to one question page of a draft (or returned) proposal."""
    proposal = (
        Proposal.objects.select_for_update().select_related("partnership").get(pk=proposal_id)
    )
    if not can_edit_proposal(actor, proposal):
        raise PermissionDenied
    partnership = Partnership.objects.select_for_update().get(pk=proposal.partnership_id)
    for name, value in (partnership_fields or {}).items():
        if name == "strategic_objectives":
            partnership.strategic_objectives.set(value)
        else:
            setattr(partnership, name, value)
    partnership.version += 1
    save_with_history(partnership, actor=actor)
    for name, value in (proposal_fields or {}).items():
        setattr(proposal, name, value)
    return save_with_history(proposal, actor=actor)


@transaction.atomic
def proposal_hold_item(proposal_id: int, page: str, noun: str = "", typed=None, *, actor: "User"):
    """Keeps what was typed of an item not yet added on a page of items ("Save and come back
    later"), or lets it go once it is added or cleared (typed None). The item itself is
    never saved until it passes its checks."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
    if not can_edit_proposal(actor, proposal):
        raise PermissionDenied
    held = dict(proposal.unfinished_items)
    if typed is None and page not in held:
        return proposal
    if typed is None:
        del held[page]
    else:
        held[page] = {"noun": noun, "typed": typed}
    proposal.unfinished_items = held
    return save_with_history(proposal, actor=actor)


def missing_answers(proposal):
    """What must be answered before the proposal can be submitted, as (page, message)."""
    partnership = proposal.partnership
    policy = Policy.current()
    missing = []
    if not partnership.remit.strip():
        missing.append(("purpose", "Say what the main purpose of the partnership is"))
    if not partnership.accountable_body.strip() and not partnership.council_is_accountable_body:
        missing.append(("purpose", "Say which organisation the partnership is responsible to"))
    if not policy.holds_kind(partnership.kind):
        missing.append(("about", "This kind of arrangement is not held in the register"))
    if not partnership.tier_answers.get("answers"):
        missing.append(("tier", f"Answer the questions that decide if it is a "
                                f"{policy.tier_label('significant').lower()}"))  # fmt: skip
    if not (proposal.alternative_existing and proposal.alternative_consult
            and proposal.alternative_contract):  # fmt: skip
        missing.append(("alternatives", "Say which alternatives were considered"))
    if proposal.needs_extra_authority and not proposal.extra_authority_reason.strip():
        missing.append(("authority", "Explain the authority a representative needs"))
    for page, held in proposal.unfinished_items.items():
        missing.append((page, f"Finish adding the {held['noun']} you started, or clear it"))
    for key, title, done in checklists(proposal):
        if not done:
            missing.append((f"checklist:{key}", f"Complete the {title}"))
    return missing


def checklists(proposal):
    """P2: the pre-partnership checklists the policy asks of a proposal of this tier, as
    (form key, title, complete?). The forms are completed against the proposed partnership
    (the assessments app) and travel with the proposal."""
    keys = Policy.current().checklists_for(proposal.partnership.tier)
    if not keys:
        return []
    forms = {}
    for form in proposal.partnership.completed_forms.select_related("template").order_by(
        "-started_at"
    ):
        forms.setdefault(form.template.key, form)
    titles = dict(
        apps.get_model("assessments", "QuestionnaireTemplate")
        .objects.filter(key__in=keys)
        .values_list("key", "title")
    )
    return [
        (key, titles.get(key, key), key in forms and not forms[key].unanswered()) for key in keys
    ]


@transaction.atomic
def proposal_submit(proposal_id: int, *, actor: "User"):
    """Sends the proposal along the policy's route for its tier (P3); when it was returned,
    the route starts again from the first step."""
    proposal = (
        Proposal.objects.select_for_update().select_related("partnership").get(pk=proposal_id)
    )
    if not can_edit_proposal(actor, proposal):
        raise PermissionDenied
    problems = missing_answers(proposal)
    if problems:
        raise ValidationError([message for _page, message in problems])
    partnership = Partnership.objects.select_for_update().get(pk=proposal.partnership_id)
    # The checklists travel with the proposal as they were when it was sent (P2).
    checklists_sent(partnership, Policy.current().checklists_for(partnership.tier), actor=actor)
    partnership.status = Status.PROPOSED
    partnership.version += 1
    save_with_history(partnership, actor=actor)
    proposal.state = ProposalState.SUBMITTED
    proposal.submitted_at = timezone.now()
    save_with_history(proposal, actor=actor)
    route_start(
        proposal,
        "proposal",
        partnership.tier,
        extra_council=proposal.needs_extra_authority,
        actor=actor,
    )
    return proposal


# The end of the proposal's route, told by the route engine (settings.ROUTE_OUTCOMES) inside
# its deciding transaction -----------------------------------------------------------------


def _finish(proposal, decision, state, partnership_status, *, actor: "User"):
    """Records the outcome and moves the partnership with it, holding its row so that an
    edit of the record at the same moment waits for this one."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    partnership = Partnership.objects.select_for_update().get(pk=proposal.partnership_id)
    proposal.state = state
    proposal.decided_at = decision.decided_at
    save_with_history(proposal, actor=actor, update_fields=["state", "decided_at"])
    partnership.status = partnership_status
    partnership.version += 1
    save_with_history(partnership, actor=actor, update_fields=["status", "version", "updated_at"])


def _checklists_follow(proposal, decision, *, actor: "User"):
    checklists_decided(
        proposal.partnership, Policy.current().checklist_keys(), decision, actor=actor
    )


def route_approved(proposal, decision, *, actor: "User"):
    """P3/P5: final approval puts the partnership in the register, active, with its tier,
    and signs off the checklists that went with the proposal."""
    _checklists_follow(proposal, decision, actor=actor)
    _finish(proposal, decision, ProposalState.APPROVED, Status.ACTIVE, actor=actor)


def route_returned(proposal, decision, *, actor: "User"):
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _checklists_follow(proposal, decision, actor=actor)
    proposal.state = ProposalState.RETURNED
    save_with_history(proposal, actor=actor, update_fields=["state"])


def route_rejected(proposal, decision, *, actor: "User"):
    """A rejected proposal is kept, marked rejected, out of the active register."""
    _checklists_follow(proposal, decision, actor=actor)
    _finish(proposal, decision, ProposalState.REJECTED, Status.REJECTED, actor=actor)
