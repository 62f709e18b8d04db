"""The self-assessment's and the improvement plan's state changes. Each is one transaction
that checks the actor's right, locks what it changes and leaves history naming them."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.policy import Policy
from assessments.models import QuestionnaireTemplate, unknown_questions
from assessments.scoring import scores_for
from core.history import save_with_history

from .access import can_keep
from .models import ActionStatus, ImprovementAction, SelfAssessment, State

if TYPE_CHECKING:
    from accounts.models import User


def _require_keeper(actor):
    if not can_keep(actor):
        raise PermissionDenied


@transaction.atomic
def assessment_start(*, actor: "User"):
    """Starts a self-assessment on the latest version of the policy's self-assessment form,
    beginning from the answers of the last one completed, which the keeper then revisits."""
    _require_keeper(actor)
    key = Policy.current().self_assessment_form
    template = QuestionnaireTemplate.objects.filter(key=key).order_by("-version").first()
    if not key or template is None:
        raise ValidationError("The council's policy has no self-assessment form")
    if SelfAssessment.objects.filter(state=State.DRAFT).exists():
        raise ValidationError("A self-assessment is already in progress: continue that one")
    assessment = SelfAssessment(template=template, owner=actor)
    last = (
        SelfAssessment.objects.filter(state=State.COMPLETED, template__key=key)
        .order_by("-completed_at", "-pk")
        .first()
    )
    if last is not None:
        asked = {q["key"] for q in template.questions()}
        assessment.answers = {k: v for k, v in last.answers.items() if k in asked}
    try:
        # The constraint catches two keepers starting one at the same moment.
        with transaction.atomic():
            return save_with_history(assessment, actor=actor)
    except IntegrityError as error:
        raise ValidationError("A self-assessment was started a moment ago") from error


def _lock_draft(assessment_id: int, *, actor: "User"):
    _require_keeper(actor)
    assessment = (
        SelfAssessment.objects.select_for_update().select_related("template").get(pk=assessment_id)
    )
    if not assessment.is_draft:
        raise ValidationError("This self-assessment has been completed and can no longer change")
    return assessment


@transaction.atomic
def assessment_save_answers(assessment_id: int, answers: dict, *, actor: "User"):
    """Saves the answers to one section ({question key: {"value", "evidence"}})."""
    assessment = _lock_draft(assessment_id, actor=actor)
    unknown = unknown_questions(assessment.template, answers)
    if unknown:
        raise ValidationError(f"Not standards on this form: {', '.join(unknown)}")
    assessment.answers = {**assessment.answers, **answers}
    return save_with_history(assessment, actor=actor)


@transaction.atomic
def assessment_complete(assessment_id: int, *, actor: "User"):
    """Completes the self-assessment once every standard is rated, and keeps its scores."""
    assessment = _lock_draft(assessment_id, actor=actor)
    if assessment.unanswered():
        raise ValidationError("Rate every standard before completing the self-assessment")
    assessment.scores = scores_for(assessment.template, assessment.answers)
    assessment.state = State.COMPLETED
    assessment.completed_by = actor
    assessment.completed_at = timezone.now()
    return save_with_history(assessment, actor=actor)


@transaction.atomic
def plan_create(*, actor: "User"):
    """Takes on the policy's recommendations as the improvement plan's actions, once, each
    owned by the keeper until they give it to someone else."""
    _require_keeper(actor)
    # Locking the policy keeps two keepers from making the plan twice.
    policy = Policy.objects.select_for_update().order_by("pk").first() or Policy.current()
    if not policy.improvement_plan:
        raise ValidationError("The council's policy makes no recommendations for a plan")
    if ImprovementAction.objects.exists():
        raise ValidationError("The improvement plan has already been made")
    return [
        save_with_history(
            ImprovementAction(position=position, recommendation=text, owner=actor), actor=actor
        )
        for position, text in enumerate(policy.improvement_plan, start=1)
    ]


@transaction.atomic
def action_update(action_id: int, *, owner, due_date, status, note="", actor: "User"):
    """Changes who owns an action, when it is due, how far it has got and its note."""
    _require_keeper(actor)
    action = ImprovementAction.objects.select_for_update().get(pk=action_id)
    problems = {}
    if owner is None or not owner.is_active:
        problems["owner"] = "Select who owns the action"
    if due_date is None:
        problems["due_date"] = "Enter the due date"
    if status not in ActionStatus.values:
        problems["status"] = "Select the action's status"
    if problems:
        raise ValidationError(problems)
    action.owner = owner
    action.due_date = due_date
    action.status = status
    action.note = note.strip()
    return save_with_history(action, actor=actor)
