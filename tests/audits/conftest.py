import datetime

import pytest

from accounts.roles import Role
from audits import services
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory


@pytest.fixture
def people(db):
    housing = ServiceFactory(name="Housing")
    make = lambda username, role: UserFactory(  # noqa: E731
        username=username, role=role, service=housing, first_name=username.title(), last_name="Test"
    )
    return {
        "auditor": make("auditor", Role.AUDITOR),
        "other_auditor": make("other_auditor", Role.AUDITOR),
        "keeper": make("keeper", Role.REGISTER_KEEPER),
        "smt": make("smt", Role.SMT),
        "officer": make("officer", Role.OFFICER),
        "other_officer": make("other_officer", Role.OFFICER),
        "member": make("member", Role.MEMBER),
    }


@pytest.fixture
def register(db):
    """Twelve current partnerships and two that the register no longer holds."""
    housing = ServiceFactory(name="Housing")
    leisure = ServiceFactory(name="Leisure")
    current = [
        PartnershipFactory(
            name=f"Partnership {n:02d}",
            lead_service=housing if n % 2 else leisure,
            tier="significant" if n % 3 == 0 else "standard",
            kind="joint_working" if n % 4 == 0 else "partnership",
        )
        for n in range(1, 13)
    ]
    ceased = [PartnershipFactory(name=f"Ceased {n}", status="ceased") for n in range(2)]
    return {"current": current, "ceased": ceased, "housing": housing, "leisure": leisure}


CURRENT = {"status": "current", "kind": "", "tier": "", "lead_service": ""}


@pytest.fixture
def drawn(people, register):
    """A spot check of five by the auditor, with a finding about its first partnership and a
    follow-up action owned by the officer."""

    def draw(size=5, seed=4242, auditor=None):
        auditor = auditor or people["auditor"]
        return services.spot_check_draw(
            "Quarter 3 documentation", size, CURRENT, seed, actor=auditor
        )

    return draw


def confirm_all(auditor, spot_check):
    """Confirms every checklist as the register shows it."""
    expected = {"present": "found", "missing": "missing", "not_applicable": "not_applicable"}
    for sampled in spot_check.sampled.prefetch_related("items"):
        services.checklist_save(
            sampled.pk,
            {item.key: (expected[item.register_shows], "") for item in sampled.items.all()},
            actor=auditor,
        )


def add_finding_and_action(spot_check, auditor, owner, due=None):
    first = spot_check.sampled.select_related("partnership").first()
    finding = services.finding_add(
        spot_check.pk, "No signed terms of reference", "high", first.partnership, actor=auditor
    )
    action = services.action_add(
        finding.pk,
        "Obtain the signed terms of reference",
        owner,
        due or datetime.date(2030, 1, 31),
        actor=auditor,
    )
    return finding, action
