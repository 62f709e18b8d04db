import pytest

from accounts.roles import Role
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start, form_submit
from tests.approvals.conftest import answer_everything
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory


@pytest.fixture
def people(db):
    """A lead officer and sponsor of the partnership, someone else, and the register keeper."""
    leisure = ServiceFactory(name="Leisure")
    make = lambda username, role, service=leisure: UserFactory(  # noqa: E731
        username=username, role=role, service=service, email=f"{username}@example.org"
    )
    return {
        "lead": make("lead", Role.OFFICER),
        "sponsor": make("sponsor", Role.HEAD_OF_SERVICE),
        "other": make("other", Role.OFFICER),
        "keeper": make("keeper", Role.REGISTER_KEEPER, None),
        "auditor": make("auditor", Role.AUDITOR, None),
        "service": leisure,
    }


@pytest.fixture
def partnership(people):
    return PartnershipFactory(
        name="Leisure Trust",
        lead_service=people["service"],
        lead_officer=people["lead"],
        sponsor=people["sponsor"],
    )


def submitted_form(actor, partnership, key):
    """A form of the policy's, answered in full and submitted for sign-off."""
    load_forms()
    form = form_start(partnership, key, actor=actor)
    form_save_answers(form.pk, answer_everything(form), actor=actor)
    return form_submit(form.pk, actor=actor)
