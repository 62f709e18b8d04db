import pytest

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from tests.factories import UserFactory


@pytest.fixture
def notts(db):
    """Nottinghamshire's policy, whose framework sets the standards and the recommendations,
    with every form loaded."""
    load_forms()
    return policy_apply_preset("nottinghamshire")


@pytest.fixture
def people(db):
    def make(username, role):
        return UserFactory(
            username=username, role=role, first_name=username.capitalize(), last_name="Smith"
        )

    return {
        "keeper": make("keeper", Role.REGISTER_KEEPER),
        "smt": make("smt", Role.SMT),
        "auditor": make("auditor", Role.AUDITOR),
        "officer": make("officer", Role.OFFICER),
        "admin": make("admin", Role.ADMIN),
    }


def every_rating(template, value="3", evidence="Seen in the board minutes"):
    """An answer to every standard on the form, as its pages save them."""
    return {
        question["key"]: {"value": value, "evidence": evidence} for question in template.questions()
    }
