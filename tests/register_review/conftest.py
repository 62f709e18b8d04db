from datetime import date

import pytest

from accounts.roles import Role
from partnerships.models import Status
from register_review.services import review_open
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

CONFIRM_BY = date(2026, 6, 30)


@pytest.fixture
def people(db):
    """The register keeper, two lead officers in two services, and readers and outsiders."""
    leisure = ServiceFactory(name="Leisure and Community Development")
    housing = ServiceFactory(name="Housing Services")

    def make(username, role, service=None):
        return UserFactory(
            username=username,
            role=role,
            service=service,
            first_name=username.capitalize(),
            last_name="Smith",
            email=f"{username}@example.org",
        )

    return {
        "keeper": make("keeper", Role.REGISTER_KEEPER),
        "lead": make("lead", Role.OFFICER, leisure),
        "other_lead": make("other_lead", Role.HEAD_OF_SERVICE, housing),
        "outsider": make("outsider", Role.OFFICER, leisure),
        "smt": make("smt", Role.SMT),
        "member": make("member", Role.MEMBER),
        "auditor": make("auditor", Role.AUDITOR),
        "leisure": leisure,
        "housing": housing,
    }


@pytest.fixture
def register(people):
    """Five current partnerships (two led by `lead`, two by `other_lead`, one by nobody) and
    two the review leaves out (a draft and a ceased one)."""
    lead, other, leisure, housing = (
        people["lead"], people["other_lead"], people["leisure"], people["housing"]
    )  # fmt: skip
    return {
        "sport": PartnershipFactory(
            name="Active Derbyshire", lead_service=leisure, lead_officer=lead
        ),
        "arts": PartnershipFactory(
            name="Arts Council Partnership",
            lead_service=leisure,
            lead_officer=lead,
            status=Status.EXITING,
        ),
        "homes": PartnershipFactory(
            name="Homelessness Forum", lead_service=housing, lead_officer=other
        ),
        "select": PartnershipFactory(name="Select Move", lead_service=housing, lead_officer=other),
        "orphan": PartnershipFactory(name="Village Halls Network", lead_service=leisure),
        "draft": PartnershipFactory(name="A draft", status=Status.DRAFT, lead_officer=lead),
        "ceased": PartnershipFactory(name="Gone", status=Status.CEASED, lead_officer=lead),
    }


@pytest.fixture
def review(people, register):
    return review_open(2026, CONFIRM_BY, actor=people["keeper"])


@pytest.fixture
def entry(review):
    """The entry of a partnership, by the register fixture's key."""

    def get(partnership):
        return review.entries.get(partnership=partnership)

    return get
