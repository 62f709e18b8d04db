"""Segregation of duties (issue "Hardening", item 2): nobody decides a step of what they
proposed or sent, nor two steps of one round, unless the policy names the step as one a
single person may take (small councils). Committee steps are the meeting's decision."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.models import Policy
from accounts.roles import Role
from approvals.models import Decision, Outcome, Route
from approvals.services import barred_from_step, may_decide, route_decide
from proposals.services import proposal_submit
from tests.factories import UserFactory


def route_of(proposal):
    return Route.objects.get(subject_id=proposal.pk, kind="proposal")


def set_route(steps, kind="proposal", tier="standard"):
    policy = Policy.current()
    policy.routes = {**policy.routes, kind: {**policy.routes[kind], tier: steps}}
    policy.save()


def test_it_bars_a_head_of_service_from_deciding_their_own_proposal(people, make_proposal):
    proposal = make_proposal("standard", proposer="head")
    route = route_of(proposal_submit(proposal.pk, actor=people["head"]))
    assert route.steps[0]["key"] == "head_of_service"
    assert "nobody approves their own proposal" in barred_from_step(people["head"], route)
    assert not may_decide(people["head"], route)
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 0, Outcome.APPROVED, "Mine.", actor=people["head"])
    assert not Decision.objects.filter(route=route).exists()


def test_it_lets_another_head_of_the_same_service_decide_it(people, make_proposal):
    proposal = make_proposal("standard", proposer="head")
    route = route_of(proposal_submit(proposal.pk, actor=people["head"]))
    colleague = UserFactory(role=Role.HEAD_OF_SERVICE, service=people["service"])
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=colleague)
    route.refresh_from_db()
    assert route.current_step == 1


def test_it_bars_one_person_from_two_steps_of_a_round(people, make_proposal):
    proposal = make_proposal("standard")
    set_route(["register_keeper", {"step": "register_keeper", "label": "Second check"}])
    route = route_of(proposal_submit(proposal.pk, actor=people["officer"]))
    route_decide(route.pk, 0, Outcome.APPROVED, "First check done.", actor=people["keeper"])
    route.refresh_from_db()
    assert "decided an earlier step of this round" in barred_from_step(people["keeper"], route)
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 1, Outcome.APPROVED, "Second check.", actor=people["keeper"])
    second_keeper = UserFactory(role=Role.REGISTER_KEEPER)
    route_decide(route.pk, 1, Outcome.APPROVED, "Second check.", actor=second_keeper)
    assert Decision.objects.filter(route=route).count() == 2


def test_it_lets_a_step_the_policy_names_be_taken_by_the_same_person(people, make_proposal):
    proposal = make_proposal("standard")
    set_route(
        ["register_keeper",
         {"step": "register_keeper", "label": "Second check", "same_person": True}]
    )  # fmt: skip
    route = route_of(proposal_submit(proposal.pk, actor=people["officer"]))
    route_decide(route.pk, 0, Outcome.APPROVED, "First check done.", actor=people["keeper"])
    route.refresh_from_db()
    assert barred_from_step(people["keeper"], route) == ""
    route_decide(route.pk, 1, Outcome.APPROVED, "Second check.", actor=people["keeper"])
    assert Decision.objects.filter(route=route, decided_by=people["keeper"]).count() == 2


def test_it_never_bars_the_clerk_recording_two_committee_decisions(people, make_proposal):
    proposal = make_proposal("significant", "nottinghamshire")
    route = route_of(proposal_submit(proposal.pk, actor=people["officer"]))
    assert [step["key"] for step in route.steps] == ["head_of_service", "smt", "cabinet"]
    meeting = {"meeting_date": "2026-11-03", "minute_reference": "M/41"}
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", **meeting, actor=people["clerk"])
    route.refresh_from_db()
    assert barred_from_step(people["clerk"], route) == ""
    route_decide(route.pk, 2, Outcome.APPROVED, "Agreed.", **meeting, actor=people["clerk"])
    assert Decision.objects.filter(route=route, decided_by=people["clerk"]).count() == 2


def test_its_decision_page_says_why_and_offers_no_form(client, people, make_proposal):
    proposal = make_proposal("standard", proposer="head")
    route = route_of(proposal_submit(proposal.pk, actor=people["head"]))
    client.force_login(people["head"])
    url = reverse("approvals:decide", args=[route.pk])
    page = client.get(url)
    assert page.status_code == 403
    assert b"Someone else must decide this step" in page.content
    assert b"nobody approves their own proposal" in page.content
    assert b'name="outcome"' not in page.content
    posted = client.post(url, {"step_index": 0, "outcome": "approved", "comment": "Mine."})
    assert posted.status_code == 403
    assert not Decision.objects.filter(route=route).exists()
