"""A2 under Chorley's framework: "Following approval to establish a new key partnership ...
a memorandum of understanding/agreement that should be approved by the Head of Governance".
The memorandum is asked for in the lead officer's inbox once a key partnership is approved,
and goes to the Head of Governance alone (issue 11)."""

import pytest

from accounts.inbox import differences, tasks_for
from approvals.models import Outcome, Route, RouteState
from approvals.services import route_decide
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start, form_submit
from partnerships.models import Status
from proposals.services import proposal_submit
from tests.approvals.conftest import answer_everything, make_proposal, people  # noqa: F401
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def approve(proposal, people):  # noqa: F811
    holders = {
        "head_of_service": people["head"],
        "register_keeper": people["keeper"],
        "clerk": people["clerk"],
        "smt": people["smt"],
    }
    proposal_submit(proposal.pk, actor=people["officer"])
    route = Route.objects.get(kind="proposal")
    while route.state == RouteState.IN_PROGRESS:
        step = route.steps[route.current_step]
        extra = {}
        if step["committee"]:
            extra = {"meeting_date": "2026-11-02", "minute_reference": "EC 12"}
        route_decide(
            route.pk, route.current_step, Outcome.APPROVED, "Agreed",
            actor=holders[route.current_holder], **extra,
        )  # fmt: skip
        route.refresh_from_db()
    partnership = proposal.partnership
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE
    return partnership


def asked(person):
    return [(t.kind, t.title) for t in tasks_for(person) if t.kind == "Agreement needed"]


def test_it_asks_the_lead_officer_for_the_memorandum_once_a_key_partnership_is_approved(
    people,  # noqa: F811
    make_proposal,  # noqa: F811
):
    load_forms()
    partnership = approve(make_proposal("significant", preset="chorley"), people)
    officer = partnership.lead_officer
    assert asked(officer) == [
        ("Agreement needed", f"Memorandum of understanding/agreement: {partnership.name}")
    ]
    (task,) = [t for t in tasks_for(officer) if t.kind == "Agreement needed"]
    assert task.url.endswith("/new/?template=chorley-memorandum")
    assert differences() == []

    # Written and sent, it is no longer asked for; it waits for the Head of Governance.
    form = form_start(partnership, "chorley-memorandum", actor=officer)
    assert asked(officer), "a memorandum begun but not sent is still asked for"
    form_save_answers(form.pk, answer_everything(form), actor=officer)
    form_submit(form.pk, actor=officer)
    assert asked(officer) == []
    route = Route.objects.get(kind="agreement")
    assert [step["label"] for step in route.steps] == ["Head of Governance"]
    governance = UserFactory(username="governance", role="smt", job_title="Head of Governance")
    assert [t.kind for t in tasks_for(governance)] == ["Decision"]
    assert tasks_for(people["smt"]).count() == 0, "another SMT member does not hold the post"
    assert differences() == []

    # Returned for changes, it is asked for again.
    route_decide(route.pk, 0, Outcome.RETURNED, "Add the exit strategy", actor=governance)
    assert asked(officer)
    assert differences() == []


def test_it_does_not_ask_for_one_for_another_partnership_or_under_another_policy(
    people,  # noqa: F811
    make_proposal,  # noqa: F811
):
    load_forms()
    standard = approve(make_proposal("standard", preset="chorley"), people)
    assert asked(standard.lead_officer) == []
    # Entered in the register as already active: it was not approved here.
    PartnershipFactory(tier="significant", lead_officer=people["officer"])
    assert asked(people["officer"]) == []
    assert differences() == []


def test_it_does_not_ask_where_the_policy_does_not(people, make_proposal):  # noqa: F811
    load_forms()
    partnership = approve(make_proposal("significant", preset="south-derbyshire"), people)
    assert asked(partnership.lead_officer) == []
    assert differences() == []
