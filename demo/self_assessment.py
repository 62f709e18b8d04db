"""Demo data for this part of the portal, loaded by `manage.py load_demo` after the
register. Running it again adds nothing.

Where the policy has a council-wide self-assessment, the register keeper has completed one
(most standards working towards, some reached) and made the improvement plan from the
policy's recommendations, with the first actions under way."""

from datetime import timedelta

from django.utils import timezone

from accounts.policy import Policy
from self_assessment.models import ActionStatus, ImprovementAction, SelfAssessment
from self_assessment.services import (
    action_update,
    assessment_complete,
    assessment_save_answers,
    assessment_start,
    plan_create,
)


def load(users, stdout):
    keeper = users["keeper"]
    policy = Policy.current()
    if policy.self_assessment_form and not SelfAssessment.objects.exists():
        assessment = assessment_start(actor=keeper)
        answers = {
            question["key"]: {
                "value": "3" if number % 3 == 0 else "2",
                "evidence": "Discussed at the partnership leads' meeting; see its notes.",
            }
            for number, question in enumerate(assessment.template.questions())
        }
        assessment_save_answers(assessment.pk, answers, actor=keeper)
        assessment_complete(assessment.pk, actor=keeper)
        stdout.write("Completed a council-wide self-assessment.")
    if policy.improvement_plan and not ImprovementAction.objects.exists():
        actions = plan_create(actor=keeper)
        today = timezone.localdate()
        for months, action in enumerate(actions[:3], start=1):
            action_update(
                action.pk,
                owner=users["smt"] if months == 1 else keeper,
                due_date=today + timedelta(days=91 * months),
                status=ActionStatus.IN_PROGRESS if months < 3 else ActionStatus.NOT_STARTED,
                note="Agreed at the senior team's meeting." if months == 1 else "",
                actor=keeper,
            )
        stdout.write(f"Made the improvement plan ({len(actions)} actions).")
