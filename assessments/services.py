"""Completing a form against a partnership (A2-A7): each change one transaction that locks
the form, checks the actor's right and leaves history naming them."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from approvals.services import route_start
from core.history import save_with_history
from partnerships.access import can_edit_partnership

from .models import CompletedForm, FormState, QuestionnaireTemplate, unknown_questions
from .scoring import scores_for

if TYPE_CHECKING:
    from accounts.models import User


def latest_template(key):
    return QuestionnaireTemplate.objects.filter(key=key).order_by("-version").first()


def can_complete(user, partnership):
    """Forms are completed by whoever may edit the partnership: its lead officer or the
    register keeper."""
    return can_edit_partnership(user, partnership)


@transaction.atomic
def form_start(partnership, template_key: str, copy_last: bool = False, *, actor: "User"):
    """Starts a form on the latest version of its template; optionally starting from the
    answers of the last completed one for the same partnership (A7)."""
    if not can_complete(actor, partnership):
        raise PermissionDenied
    template = latest_template(template_key)
    if template is None:
        raise ValidationError("That form is not loaded")
    form = CompletedForm(template=template, partnership=partnership, started_by=actor)
    if copy_last:
        last = (
            CompletedForm.objects.filter(partnership=partnership, template__key=template_key)
            .exclude(state=FormState.DRAFT)
            .order_by("-submitted_at")
            .first()
        )
        if last is not None:
            # Only answers to questions the current version still asks.
            asked = {q["key"] for q in template.questions()}
            form.answers = {k: v for k, v in last.answers.items() if k in asked}
            form.copied_from = last
    return save_with_history(form, actor=actor)


def _lock(form_id: int, *, actor: "User"):
    form = CompletedForm.objects.select_for_update().select_related("template").get(pk=form_id)
    if form.is_locked:
        raise ValidationError("This form has been submitted and can no longer be changed")
    if form.started_by_id != actor.pk and not can_complete(actor, form.partnership):
        raise PermissionDenied
    return form


@transaction.atomic
def form_save_answers(form_id: int, answers: dict, *, actor: "User"):
    """Saves the answers to one section ({question key: {"value", "evidence", ...}})."""
    form = _lock(form_id, actor=actor)
    unknown = unknown_questions(form.template, answers)
    if unknown:
        raise ValidationError(f"Not questions on this form: {', '.join(unknown)}")
    chosen = {str(a["document"]) for a in answers.values() if (a or {}).get("document")}
    kept = {str(pk) for pk in form.partnership.documents.values_list("pk", flat=True)}
    if chosen - kept:
        # An element is covered only by a document kept with this partnership's record.
        raise ValidationError("Choose one of the partnership's own documents")
    form.answers = {**form.answers, **answers}
    form.version += 1
    return save_with_history(form, actor=actor)


def missing_answers(form):
    return form.unanswered()


@transaction.atomic
def form_submit(form_id: int, *, actor: "User"):
    """Locks the form, works out its scores and sends it along the policy's route for
    sign-off (A3, A4, A7); an evaluation goes along the evaluation route (A6)."""
    form = _lock(form_id, actor=actor)
    if form.goes_with_proposal:
        raise ValidationError(
            "This checklist goes with the proposal: it is sent when the proposal is submitted "
            "and signed off along the proposal's route"
        )
    if missing_answers(form):
        raise ValidationError("Answer every question before submitting")
    form.scores = scores_for(form.template, form.answers)
    form.state = FormState.SUBMITTED
    form.submitted_at = timezone.now()
    form.version += 1
    save_with_history(form, actor=actor)
    route_start(form, form.route_kind, form.partnership.tier, actor=actor)
    return form


def checklists_sent(partnership, keys, *, actor: "User"):
    """P2: the proposal's checklists go with it, locked as they were when it was sent. Called
    by the proposal's own submission, inside its transaction."""
    for form in partnership.completed_forms.select_for_update().filter(
        template__key__in=keys, state__in=[FormState.DRAFT, FormState.RETURNED]
    ):
        form.state = FormState.SUBMITTED
        form.submitted_at = timezone.now()
        form.version += 1
        save_with_history(form, actor=actor)


def checklists_decided(partnership, keys, decision, *, actor: "User"):
    """P2: the proposal's route has ended, and its checklists with it: signed off when it is
    approved, open again when it is returned, not accepted when it is rejected."""
    state = {
        "approved": FormState.SIGNED_OFF,
        "returned": FormState.RETURNED,
        "rejected": FormState.REJECTED,
    }[decision.outcome]
    for form in partnership.completed_forms.select_for_update().filter(
        template__key__in=keys, state=FormState.SUBMITTED
    ):
        form.state = state
        form.signed_off_at = decision.decided_at if state == FormState.SIGNED_OFF else None
        form.version += 1
        save_with_history(form, actor=actor)


@transaction.atomic
def action_save(form_id: int, action, *, actor: "User"):
    """Actions arising from an assessment (A5), by whoever may complete it."""
    form = CompletedForm.objects.select_for_update().get(pk=form_id)
    owner_updating = action.pk and action.owner_id == actor.pk
    if not (can_complete(actor, form.partnership) or owner_updating):
        raise PermissionDenied
    action.form = form
    action.full_clean()
    return save_with_history(action, actor=actor)


# The end of a form's sign-off route, told by the route engine (settings.ROUTE_OUTCOMES) inside
# its deciding transaction -----------------------------------------------------------------


def _close(form, decision, state, *, actor: "User"):
    form = CompletedForm.objects.select_for_update().get(pk=form.pk)
    form.state = state
    if decision is not None:
        form.signed_off_at = decision.decided_at
    form.version += 1
    save_with_history(form, actor=actor, update_fields=["state", "signed_off_at", "version"])
    return form


def route_approved(form, decision, *, actor: "User"):
    form = _close(form, decision, FormState.SIGNED_OFF, actor=actor)
    if decision.route.kind == "evaluation":
        # An accepted evaluation may end something another app owns (leaving ceases an
        # exiting partnership, V7): those apps list what to call in
        # settings.EVALUATION_ACCEPTED, in this transaction, so this app imports none of them.
        for path in settings.EVALUATION_ACCEPTED:
            import_string(path)(form, actor=actor)


def route_returned(form, decision, *, actor: "User"):
    _close(form, None, FormState.RETURNED, actor=actor)


def route_rejected(form, decision, *, actor: "User"):
    _close(form, None, FormState.REJECTED, actor=actor)
