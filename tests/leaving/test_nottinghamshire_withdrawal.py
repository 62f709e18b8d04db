"""Nottinghamshire's leaving (000 s3.1.2): "Chief Officers with Cabinet leads may negotiate
the closure or withdrawal of the County Council from that partnership", for either tier."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.services import policy_apply_preset
from accounts.tasks import Task
from approvals.models import Route
from approvals.services import route_decide
from leaving.models import ROUTE_KIND
from tests.factories import PartnershipFactory

from .conftest import withdraw

MEETING = {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "CL/2026/14"}


@pytest.fixture
def policy(db):
    return policy_apply_preset("nottinghamshire")


@pytest.fixture
def strategic(people, policy):
    return PartnershipFactory(
        name="Example: Highways maintenance contract",
        tier="significant",
        lead_service=people["service"],
        lead_officer=people["officer"],
        exit_strategy="Give six months' notice.",
    )


@pytest.mark.parametrize("tier", ["significant", "standard"])
def test_it_sends_leaving_to_the_chief_officer_then_the_cabinet_lead(policy, tier):
    steps = policy.route_steps(ROUTE_KIND, tier)
    assert [s["label"] for s in steps] == ["Chief Officer", "Cabinet lead"]
    assert [s["holder"] for s in steps] == ["head_of_service", "clerk"]
    # The Chief Officer of the partnership's own department; the Cabinet lead's decision is
    # recorded with its date and reference.
    assert steps[0]["scoped"] and steps[1]["committee"] == "cabinet"


def test_it_leaves_other_councils_withdrawal_routes_as_they_were(db):
    policy = policy_apply_preset("south-derbyshire")
    labels = [s["label"] for s in policy.route_steps(ROUTE_KIND, "significant")]
    assert "Cabinet lead" not in labels


def test_it_lets_only_the_chief_officer_and_then_the_clerk_decide(people, strategic):
    withdrawal = withdraw(people["officer"], strategic)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 0, "approved", "Agreed.", actor=people["other_head"])
    route_decide(route.pk, 0, "approved", "Agreed.", actor=people["head"])
    # The senior team no longer takes a step of its own in leaving.
    with pytest.raises(PermissionDenied):
        route_decide(route.pk, 1, "approved", "Agreed.", actor=people["smt"])
    route_decide(route.pk, 1, "approved", "Agreed with the Cabinet lead.", **MEETING,
                 actor=people["clerk"])  # fmt: skip
    route.refresh_from_db()
    assert route.state == "approved"
    assert [d.step_label for d in route.decisions.all()] == ["Chief Officer", "Cabinet lead"]


def test_it_puts_the_cabinet_lead_step_in_democratic_services_inbox(people, strategic, client):
    withdrawal = withdraw(people["officer"], strategic)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    route_decide(route.pk, 0, "approved", "Agreed.", actor=people["head"])
    waiting = Task.objects.waiting_for(people["clerk"]).filter(key="decide")
    assert [t.detail for t in waiting] == ["Waiting for your decision: Cabinet lead"]
    assert not Task.objects.waiting_for(people["smt"]).filter(key="decide").exists()
    client.force_login(people["clerk"])
    page = client.get(reverse("approvals:decide", args=[route.pk])).text
    # One Member's decision, not a meeting's: its date and reference, no minute.
    assert "Cabinet lead" in page and "Decision reference" in page
    assert "Date of the decision" in page and "Minute reference" not in page
    client.force_login(people["officer"])
    page = client.get(withdrawal.get_absolute_url()).text
    assert "Chief Officer" in page and "Cabinet lead" in page


def test_it_records_the_cabinet_leads_decision_with_its_date_and_reference(
    people, strategic, client
):
    withdrawal = withdraw(people["officer"], strategic)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    route_decide(route.pk, 0, "approved", "Agreed.", actor=people["head"])
    client.force_login(people["clerk"])
    decide = reverse("approvals:decide", args=[route.pk])
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    answers = {"step_index": 1, "outcome": "approved", "comment": "Agreed with the Cabinet lead.",
               "minute_reference": "CL/2026/14"}  # fmt: skip
    ahead = {"meeting_date_0": tomorrow.day, "meeting_date_1": tomorrow.month,
             "meeting_date_2": tomorrow.year}  # fmt: skip
    page = client.post(decide, {**answers, **ahead}).text
    assert "The date of the decision must be today or in the past" in page
    route.refresh_from_db()
    assert route.state == "in_progress"
    done = {"meeting_date_0": 3, "meeting_date_1": 11, "meeting_date_2": 2026}
    client.post(decide, {**answers, **done})
    route.refresh_from_db()
    assert route.state == "approved"
    page = client.get(withdrawal.get_absolute_url()).text
    assert "Decision 3 November 2026, reference CL/2026/14" in page
    assert "minute CL/2026/14" not in page


def test_its_service_asks_for_the_cabinet_leads_decision_in_its_own_words(people, strategic):
    from django.core.exceptions import ValidationError

    withdrawal = withdraw(people["officer"], strategic)
    route = Route.objects.of(withdrawal, ROUTE_KIND)
    route_decide(route.pk, 0, "approved", "Agreed.", actor=people["head"])
    with pytest.raises(ValidationError) as refused:
        route_decide(route.pk, 1, "approved", "Agreed.", actor=people["clerk"])
    assert refused.value.messages == [
        "A committee decision needs the date of the decision and the decision reference"
    ]
