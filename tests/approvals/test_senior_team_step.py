"""Who decides a senior-team step is policy (issue "Every council's own framework", item 4):
its members decide it themselves, or the clerk records the meeting's decision; and a meeting
is never recorded ahead of its date."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Policy
from approvals.models import Decision, Outcome, Route
from approvals.services import may_decide, route_decide
from proposals.services import proposal_submit


def members_decide():
    policy = Policy.current()
    routes = dict(policy.routes)
    steps = ["head_of_service", {"step": "smt", "decided_by": "members"}]
    routes["proposal"] = {**routes["proposal"], "standard": steps}
    policy.routes = routes
    policy.save()


def sent(people, make_proposal):
    proposal = make_proposal("standard")
    members_decide()
    proposal_submit(proposal.pk, actor=people["officer"])
    route = Route.objects.get(subject_id=proposal.pk, kind="proposal")
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    route.refresh_from_db()
    return route


def test_it_lets_a_senior_team_member_decide_the_step_from_their_inbox(people, make_proposal):
    route = sent(people, make_proposal)
    step = route.steps[1]
    assert (step["holder"], step["committee"]) == ("smt", "")
    assert step["label"] == Policy.current().committee_label("smt")
    assert list(Route.objects.awaiting(people["smt"])) == [route]
    assert not may_decide(people["clerk"], route)
    route_decide(route.pk, 1, Outcome.APPROVED, "Endorsed.", actor=people["smt"])
    decision = Decision.objects.get(route=route, step_index=1)
    assert (decision.decided_by, decision.meeting_date) == (people["smt"], None)


def test_it_leaves_the_clerk_no_part_in_a_step_members_decide(people, make_proposal):
    route = sent(people, make_proposal)
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 1, Outcome.APPROVED, "Endorsed.", actor=people["clerk"])


def test_it_refuses_members_deciding_any_committee_but_the_senior_team(db):
    policy = Policy.current()
    policy.routes = {"proposal": {"standard": [{"step": "cabinet", "decided_by": "members"}]}}
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert "Only the senior team's step can be decided by its members" in str(refused.value)


def test_it_refuses_a_step_the_route_engine_does_not_know(db):
    policy = Policy.current()
    policy.routes = {"proposal": {"standard": ["chief_executive"]}}
    with pytest.raises(ValidationError) as refused:
        policy.full_clean()
    assert refused.value.message_dict["routes"] == [
        "The proposal route for the standard tier: Unknown route step 'chief_executive'"
    ]


def test_it_refuses_a_meeting_date_in_the_future(client, people, make_proposal):
    proposal = make_proposal("significant", "nottinghamshire")
    proposal_submit(proposal.pk, actor=people["officer"])
    route = Route.objects.get(subject_id=proposal.pk, kind="proposal")
    route_decide(route.pk, 0, Outcome.APPROVED, "Agreed.", actor=people["head"])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        route_decide(route.pk, 1, Outcome.APPROVED, "Agreed.", meeting_date=tomorrow,
                     minute_reference="M/1", actor=people["clerk"])  # fmt: skip
    client.force_login(people["clerk"])
    page = client.post(
        reverse("approvals:decide", args=[route.pk]),
        {"step_index": 1, "outcome": "approved", "comment": "Agreed.",
         "meeting_date_0": tomorrow.day, "meeting_date_1": tomorrow.month,
         "meeting_date_2": tomorrow.year, "minute_reference": "M/1"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "The date of the meeting must be today or in the past" in page.content.decode()
    assert not Decision.objects.filter(route=route, step_index=1).exists()
