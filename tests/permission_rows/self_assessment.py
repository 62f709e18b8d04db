"""Permission table rows for the council's self-assessment and improvement plan.

The register keeper keeps both; the senior team and Internal Audit read them. The table runs
under a policy with no self-assessment form and no recommendations, so starting one and
making the plan are not found even by the keeper; the records it makes, kept as if under an
earlier policy, stay readable and open to the keeper.
"""

from datetime import date

from accounts.roles import Role
from self_assessment.models import ImprovementAction, SelfAssessment
from tests.factories import UserFactory

from . import KEEPER_ONLY, expect

READERS = expect(403, register_keeper=200, smt=200, auditor=200)
NOT_UNDER_THIS_POLICY = expect(403, register_keeper=404)

ROWS = {
    "self_assessment:index": ("get", None, READERS),
    "self_assessment:pdf": ("get", None, READERS),
    "self_assessment:start": ("get", None, NOT_UNDER_THIS_POLICY),
    "self_assessment:section": ("get", lambda o: [o["self_assessment"].pk, 1], KEEPER_ONLY),
    "self_assessment:complete": ("get", "self_assessment", KEEPER_ONLY),
    "self_assessment:plan_create": ("get", None, NOT_UNDER_THIS_POLICY),
    "self_assessment:action": ("get", "improvement_action", KEEPER_ONLY),
}
POSTS = {
    # The page and its PDF only read.
    "self_assessment:index": (None, expect(405)),
    "self_assessment:pdf": (None, expect(405)),
}


def objects(made):
    keeper = UserFactory(username="table-self-assessment-keeper", role=Role.REGISTER_KEEPER)
    return {
        "self_assessment": SelfAssessment.objects.create(
            template=made["questionnaire"], owner=keeper
        ),
        "improvement_action": ImprovementAction.objects.create(
            position=1, recommendation="An improvement", owner=keeper, due_date=date(2030, 1, 1)
        ),
    }
