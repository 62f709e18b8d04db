from io import StringIO

from demo import self_assessment as demo
from self_assessment.models import ImprovementAction, SelfAssessment, State


def test_it_completes_a_self_assessment_and_makes_the_plan_once(notts, people):
    users = {"keeper": people["keeper"], "smt": people["smt"]}
    demo.load(users, StringIO())
    demo.load(users, StringIO())
    assessment = SelfAssessment.objects.get()
    assert assessment.state == State.COMPLETED
    assert not assessment.unanswered()
    assert ImprovementAction.objects.count() == len(notts.improvement_plan)
    assert ImprovementAction.objects.filter(due_date__isnull=False).exists()


def test_it_adds_nothing_where_the_policy_has_no_self_assessment(db, people):
    demo.load({"keeper": people["keeper"], "smt": people["smt"]}, StringIO())
    assert not SelfAssessment.objects.exists()
    assert not ImprovementAction.objects.exists()
