"""The route engine (P3-P7), through its services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import Decision, Outcome, Route, RouteState
from approvals.services import AlreadyDecided, may_decide, route_decide
from partnerships.models import Partnership, Status
from proposals.models import ProposalState
from proposals.services import proposal_submit

MEETING = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "SMT/2026/41"}

# Who decides each step kind in these tests.
DECIDER = {
    "head_of_service": "head",
    "register_keeper": "keeper",
    "director": "smt",
    "smt": "clerk",
    "cabinet": "clerk",
    "council": "clerk",
}

# Every preset's proposal route, by tier, as the councils' documents describe it.
ROUTES = {
    ("south-derbyshire", "significant"): ["head_of_service", "register_keeper", "smt", "cabinet"],
    # "The creation or membership of any partnership must be ... endorsed by ... SMT" (001).
    ("south-derbyshire", "standard"): ["head_of_service", "register_keeper", "smt"],
    ("melton", "significant"): ["head_of_service", "smt"],
    ("melton", "standard"): ["head_of_service", "smt"],
    ("northamptonshire", "significant"): ["head_of_service", "smt"],
    ("northamptonshire", "standard"): ["head_of_service", "director"],
    ("chorley", "significant"): ["head_of_service", "register_keeper", "cabinet"],
    ("chorley", "standard"): ["head_of_service", "register_keeper"],
    ("nottinghamshire", "significant"): ["head_of_service", "smt", "cabinet"],
    ("nottinghamshire", "standard"): ["head_of_service", "register_keeper"],
}


def decide(people, route, outcome=Outcome.APPROVED, comment="Agreed.", **extra):
    route.refresh_from_db()
    step = route.steps[route.current_step]
    actor = people[DECIDER[step["key"]]]
    if step["committee"]:
        extra = {**MEETING, **extra}
    return route_decide(route.pk, route.current_step, outcome, comment, **extra, actor=actor)


def route_of(proposal):
    return Route.objects.get(subject_id=proposal.pk, kind="proposal")


@pytest.mark.parametrize(("preset", "tier"), sorted(ROUTES))
def test_each_presets_route_takes_a_proposal_to_the_register(people, make_proposal, preset, tier):
    proposal = proposal_submit(make_proposal(tier, preset).pk, actor=people["officer"])
    route = route_of(proposal)
    assert [s["key"] for s in route.steps] == ROUTES[(preset, tier)]
    for _ in route.steps:
        partnership = Partnership.objects.get(pk=proposal.partnership_id)
        assert partnership.status == Status.PROPOSED
        decide(people, route)
    route.refresh_from_db()
    assert route.state == RouteState.APPROVED
    partnership = Partnership.objects.get(pk=proposal.partnership_id)
    assert partnership.status == Status.ACTIVE
    assert partnership.tier == tier
    assert Decision.objects.filter(route=route).count() == len(ROUTES[(preset, tier)])


def test_authority_beyond_delegation_adds_the_council_step(people, make_proposal):
    proposal = proposal_submit(
        make_proposal("standard", "melton", extra_authority=True).pk, actor=people["officer"]
    )
    steps = route_of(proposal).steps
    assert [s["key"] for s in steps] == ["head_of_service", "smt", "council"]
    assert steps[-1]["label"] == "Policy Committee"


def test_a_returned_proposal_starts_the_route_again_when_resubmitted(people, make_proposal):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    route = route_of(proposal)
    decide(people, route)  # Head of Service
    decide(people, route, Outcome.RETURNED, "Say more about the resources.")
    proposal.refresh_from_db()
    route.refresh_from_db()
    assert proposal.state == ProposalState.RETURNED
    assert route.state == RouteState.RETURNED
    proposal_submit(proposal.pk, actor=people["officer"])
    route.refresh_from_db()
    assert (route.state, route.current_step, route.round) == (RouteState.IN_PROGRESS, 0, 2)
    assert route.current_holder == "head_of_service"


def test_a_rejected_proposal_is_kept_out_of_the_active_register(people, make_proposal):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    decide(people, route_of(proposal), Outcome.REJECTED, "Not a council priority.")
    partnership = Partnership.objects.get(pk=proposal.partnership_id)
    assert partnership.status == Status.REJECTED
    assert not Partnership.objects.in_register().filter(pk=partnership.pk).exists()


@pytest.mark.parametrize("who", ["officer", "other_head", "keeper", "smt", "clerk", "auditor",
                                 "member", "admin"])  # fmt: skip
def test_only_the_head_of_the_proposers_service_decides_the_first_step(people, make_proposal, who):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    assert not may_decide(people[who], route)
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 0, Outcome.APPROVED, "Yes", actor=people[who])
    assert not Decision.objects.exists()


def test_a_later_step_cannot_be_decided_first(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 1, Outcome.APPROVED, "Skipping ahead", actor=people["keeper"])
    assert not Decision.objects.exists()


def test_a_step_is_decided_once(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed", actor=people["head"])
    with pytest.raises(AlreadyDecided) as raised:
        route_decide(route.pk, 0, Outcome.REJECTED, "Double click", actor=people["head"])
    assert raised.value.decision.decider_name == people["head"].display_name
    assert Decision.objects.count() == 1


def test_every_decision_needs_a_comment(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    with pytest.raises(ValidationError):
        route_decide(route.pk, 0, Outcome.APPROVED, "  ", actor=people["head"])
    assert not Decision.objects.exists()


def test_a_committee_step_needs_the_meeting_and_minute(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    decide(people, route)
    decide(people, route)
    route.refresh_from_db()
    assert route.steps[route.current_step]["committee"] == "smt"
    with pytest.raises(ValidationError):
        route_decide(route.pk, 2, Outcome.APPROVED, "Agreed", actor=people["clerk"])
    decision = decide(people, route)
    assert decision.minute_reference == "SMT/2026/41"
    assert decision.decider_role == "Committee clerk"


def test_the_decision_keeps_the_deciders_name_and_role_as_they_were(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    decision = decide(people, route)
    head = people["head"]
    head.first_name, head.role = "Renamed", "officer"
    head.save()
    decision.refresh_from_db()
    assert decision.decider_name != "Renamed" + " " + head.last_name
    assert decision.decider_role == "Head of Service"


def test_the_inbox_query_finds_the_routes_waiting_for_each_person(people, make_proposal):
    route = route_of(proposal_submit(make_proposal().pk, actor=people["officer"]))
    assert list(Route.objects.awaiting(people["head"])) == [route]
    assert list(Route.objects.awaiting(people["other_head"])) == []
    decide(people, route)
    assert list(Route.objects.awaiting(people["keeper"])) == [route]
    assert list(Route.objects.awaiting(people["head"])) == []


def test_a_second_proposal_with_the_same_name_and_service_is_refused_plainly(people, make_proposal):
    make_proposal(name="Select Move")
    with pytest.raises(ValidationError):
        make_proposal(name="Select Move")


def test_what_the_deciders_are_deciding_cannot_change_under_them(people, make_proposal, client):
    proposal = proposal_submit(make_proposal().pk, actor=people["officer"])
    client.force_login(people["officer"])
    assert client.get(f"/register/{proposal.partnership_id}/edit/").status_code == 403


def test_an_smt_member_can_complete_their_own_proposal(people):
    from partnerships.models import Risk
    from partnerships.services import part_save
    from proposals.services import proposal_start

    proposal = proposal_start("Health and Wellbeing Board", people["service"], actor=people["smt"])
    part_save(
        proposal.partnership_id,
        Risk(description="Partners disengage", likelihood=2, impact=2, owner="Director"),
        actor=people["smt"],
    )
    assert proposal.partnership.risks.count() == 1
