"""The self-assessment's and the improvement plan's state changes: who may make them, in
which state, and the history they leave."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from self_assessment.models import ActionStatus, ImprovementAction, SelfAssessment, State
from self_assessment.services import (
    action_update,
    assessment_complete,
    assessment_save_answers,
    assessment_start,
    plan_create,
)

from .conftest import every_rating


def test_it_starts_on_the_policys_self_assessment_form_owned_by_the_keeper(notts, people):
    assessment = assessment_start(actor=people["keeper"])
    assert assessment.template.key == notts.self_assessment_form
    assert assessment.owner == people["keeper"]
    assert assessment.state == State.DRAFT
    assert assessment.history.get().history_user == people["keeper"]


@pytest.mark.parametrize("role", ["smt", "auditor", "officer", "admin"])
def test_it_lets_only_the_keeper_change_the_self_assessment(notts, people, role):
    with pytest.raises(PermissionDenied):
        assessment_start(actor=people[role])
    assessment = assessment_start(actor=people["keeper"])
    with pytest.raises(PermissionDenied):
        assessment_save_answers(assessment.pk, {}, actor=people[role])
    with pytest.raises(PermissionDenied):
        assessment_complete(assessment.pk, actor=people[role])
    with pytest.raises(PermissionDenied):
        plan_create(actor=people[role])


def test_it_keeps_one_self_assessment_in_progress_at_a_time(notts, people):
    assessment_start(actor=people["keeper"])
    with pytest.raises(ValidationError, match="already in progress"):
        assessment_start(actor=people["keeper"])
    assert SelfAssessment.objects.count() == 1


def test_it_refuses_a_self_assessment_where_the_policy_has_no_form(db, people):
    with pytest.raises(ValidationError, match="no self-assessment form"):
        assessment_start(actor=people["keeper"])


def test_it_saves_answers_and_completes_only_when_every_standard_is_rated(notts, people):
    keeper = people["keeper"]
    assessment = assessment_start(actor=keeper)
    first = next(assessment.template.questions())
    assessment_save_answers(assessment.pk, {first["key"]: {"value": "2"}}, actor=keeper)
    with pytest.raises(ValidationError, match="Rate every standard"):
        assessment_complete(assessment.pk, actor=keeper)
    with pytest.raises(ValidationError, match="Not standards on this form"):
        assessment_save_answers(assessment.pk, {"Z9": {"value": "1"}}, actor=keeper)

    answers = every_rating(assessment.template)
    assessment_save_answers(assessment.pk, answers, actor=keeper)
    done = assessment_complete(assessment.pk, actor=keeper)
    assert done.state == State.COMPLETED
    assert done.completed_by == keeper and done.completed_at is not None
    questions = len(answers)
    assert done.scores["total"] == 3 * questions
    assert done.scores["maximum"] == 4 * questions
    assert [h.state for h in done.history.order_by("history_date")] == [
        State.DRAFT,
        State.DRAFT,
        State.DRAFT,
        State.COMPLETED,
    ]
    with pytest.raises(ValidationError, match="can no longer change"):
        assessment_save_answers(assessment.pk, answers, actor=keeper)


def test_it_starts_the_next_self_assessment_from_the_last_ones_answers(notts, people):
    keeper = people["keeper"]
    first = assessment_start(actor=keeper)
    answers = every_rating(first.template, value="2")
    assessment_save_answers(first.pk, answers, actor=keeper)
    assessment_complete(first.pk, actor=keeper)
    second = assessment_start(actor=keeper)
    assert second.pk != first.pk
    assert second.answers == answers
    assert second.state == State.DRAFT


def test_it_makes_the_plan_from_the_policys_recommendations_once(notts, people):
    keeper = people["keeper"]
    actions = plan_create(actor=keeper)
    assert [a.recommendation for a in actions] == notts.improvement_plan
    assert len(actions) == len(notts.improvement_plan) == 10
    assert all(a.owner == keeper and a.status == ActionStatus.NOT_STARTED for a in actions)
    assert all(a.history.get().history_user == keeper for a in actions)
    with pytest.raises(ValidationError, match="already been made"):
        plan_create(actor=keeper)
    assert ImprovementAction.objects.count() == 10


def test_it_has_no_plan_where_the_policy_makes_no_recommendations(db, people):
    with pytest.raises(ValidationError, match="no recommendations"):
        plan_create(actor=people["keeper"])
    assert not ImprovementAction.objects.exists()


def test_it_updates_an_action_and_keeps_its_history(notts, people):
    keeper = people["keeper"]
    action = plan_create(actor=keeper)[0]
    action_update(
        action.pk,
        owner=people["smt"],
        due_date=date(2027, 3, 31),
        status=ActionStatus.IN_PROGRESS,
        note="  Draft guidance with Legal  ",
        actor=keeper,
    )
    action.refresh_from_db()
    assert action.owner == people["smt"]
    assert action.due_date == date(2027, 3, 31)
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.note == "Draft guidance with Legal"
    latest = action.history.first()
    assert latest.history_user == keeper and latest.status == ActionStatus.IN_PROGRESS
    assert action.history.count() == 2


def test_it_refuses_an_action_without_owner_or_date(notts, people):
    action = plan_create(actor=people["keeper"])[0]
    with pytest.raises(ValidationError) as refused:
        action_update(
            action.pk, owner=None, due_date=None, status="someday", actor=people["keeper"]
        )
    assert set(refused.value.message_dict) == {"owner", "due_date", "status"}
    with pytest.raises(PermissionDenied):
        action_update(
            action.pk,
            owner=people["smt"],
            due_date=date(2027, 1, 1),
            status=ActionStatus.DONE,
            actor=people["smt"],
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.NOT_STARTED
