"""A completed review is reported to the committee where the policy says so (Melton s7: "A
review of Partnerships will take place following the evaluation and will be reported as
appropriate to Policy Finance and Administration Committee"); the clerk records the meeting."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.inbox import differences, tasks_for
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route, RouteState
from reviews.services import ROUTE_KIND, review_complete, review_plan, review_send_again
from tests.approvals.conftest import clerk_decides
from tests.factories import UserFactory

from .conftest import submitted_form


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", role=Role.CLERK)


def complete(review):
    lead = review.partnership.lead_officer
    done, _next = review_complete(
        review.pk,
        assessment=submitted_form(lead, review.partnership, Policy.current().assessment_form),
        register_confirmed=True,
        conclusions="Still relevant and effective: stay in.",
        actor=lead,
    )
    return done


@pytest.fixture
def reported(partnership):
    policy_apply_preset("melton")
    review = complete(review_plan(partnership))
    return review, Route.objects.of(review, ROUTE_KIND)


def test_it_reports_the_completed_review_to_the_committee(reported):
    review, route = reported
    assert route.state == RouteState.IN_PROGRESS
    assert [step["label"] for step in route.steps] == [Policy.current().committee_label("cabinet")]
    assert route.started_by == review.completed_by


def test_it_completes_without_a_route_where_the_policy_has_none(partnership):
    policy_apply_preset("chorley")
    review = complete(review_plan(partnership))
    assert Route.objects.of(review, ROUTE_KIND) is None


def test_it_records_the_meeting_and_refuses_one_to_come(reported, clerk):
    review, route = reported
    with pytest.raises(ValidationError, match="today or in the past"):
        clerk_decides(route, Outcome.APPROVED, clerk, -1, "PFA/2026/18")

    decision = clerk_decides(route, Outcome.APPROVED, clerk, 4, "PFA/2026/18")
    review.refresh_from_db()
    assert (review.considered_on, review.considered_minute) == (
        decision.meeting_date,
        "PFA/2026/18",
    )


def test_it_gives_the_clerk_the_task_the_pack_and_the_page(reported, clerk, client):
    review, route = reported
    assert [task.title for task in tasks_for(clerk)] == [review.route_title]
    assert differences() == []

    client.force_login(clerk)
    decide_page = client.get(reverse("approvals:decide", args=[route.pk])).content.decode()
    pack = reverse("assessments:form_pdf", args=[review.assessment_id])
    assert pack in decide_page
    assert client.get(pack)["Content-Type"] == "application/pdf"
    page = client.get(review.get_absolute_url()).content.decode()
    assert f"Waiting for {route.steps[0]['label']}" in page

    decision = clerk_decides(route, Outcome.APPROVED, clerk, 4, "PFA/2026/18")
    page = client.get(review.get_absolute_url()).content.decode()
    assert (
        f"Considered by {decision.step_label} on {decision.meeting_date:%-d %B %Y}, "
        "minute PFA/2026/18"
    ) in page
    assert list(tasks_for(clerk)) == []
    assert differences() == []


def test_it_sends_a_returned_review_again_as_a_new_round(reported, clerk, client, people):
    review, route = reported
    committee = route.steps[0]["label"]
    returned = clerk_decides(route, Outcome.RETURNED, clerk, 4, "PFA/2026/18")
    first = review.conclusions
    lead = people["lead"]
    client.force_login(lead)
    send_again = reverse("reviews:send_again", args=[review.pk])
    assert send_again in client.get(review.get_absolute_url()).content.decode()
    page = client.post(send_again, {"conclusions": ""}).content.decode()
    assert "Enter the review&#x27;s conclusions" in page

    answer = "Still relevant; the committee's question on value for money is answered below."
    assert client.post(send_again, {"conclusions": answer}).status_code == 302
    route.refresh_from_db()
    review.refresh_from_db()
    assert (route.state, route.round) == (RouteState.IN_PROGRESS, 2)
    assert (review.state, review.conclusions) == ("completed", answer)
    assert review.history.filter(conclusions=first).exists()
    # The next review stays planned as it was.
    assert review.partnership.reviews.open().count() == 1
    assert [task.title for task in tasks_for(clerk)] == [review.route_title]
    assert differences() == []

    status = client.get(review.get_absolute_url()).content.decode()
    status = status.split("Committee consideration")[1]
    lines = [
        f"Returned by {committee} on {returned.meeting_date:%-d %B %Y}, minute PFA/2026/18",
        f"Amended and sent again by {lead.display_name}",
        f"Waiting for {committee}",
    ]
    assert [status.index(line) for line in lines] == sorted(status.index(line) for line in lines)


def test_it_sends_again_only_a_returned_review_and_only_for_its_lead(reported, clerk, people):
    review, route = reported
    with pytest.raises(ValidationError, match="nothing to send again"):
        review_send_again(review.pk, "Again", actor=people["lead"])
    clerk_decides(route, Outcome.RETURNED, clerk, 4, "PFA/2026/18")
    with pytest.raises(PermissionDenied):
        review_send_again(review.pk, "Again", actor=people["other"])
    route.refresh_from_db()
    assert (route.state, route.round) == (RouteState.RETURNED, 1)


def test_it_takes_a_south_derbyshire_review_to_smt_then_leading_members(partnership, clerk):
    # 001: "Membership, activities and outputs of all partnerships will be assessed annually
    # by SMT and Leading Members"; the assessment is the pack the meetings consider.
    policy_apply_preset("south-derbyshire")
    policy = Policy.current()
    lead = partnership.lead_officer
    review, _next = review_complete(
        review_plan(partnership).pk,
        assessment=submitted_form(lead, partnership, policy.assessment_form),
        evaluation=submitted_form(lead, partnership, policy.evaluation_form),
        register_confirmed=True,
        conclusions="Still adds value to the Council's strategic objectives.",
        actor=lead,
    )
    route = Route.objects.of(review, ROUTE_KIND)
    assert [step["label"] for step in route.steps] == [
        "Senior Management Team (SMT)",
        "Leading Members",
    ]
    assert review.route_pack_url == reverse("assessments:form_pdf", args=[review.assessment_id])

    clerk_decides(route, Outcome.APPROVED, clerk, 9, "SMT/2026/4")
    route.refresh_from_db()
    assert (route.state, route.step["label"]) == (RouteState.IN_PROGRESS, "Leading Members")
    assert [task.title for task in tasks_for(clerk)] == [review.route_title]
    decision = clerk_decides(route, Outcome.APPROVED, clerk, 2, "LM/2026/7")
    route.refresh_from_db()
    review.refresh_from_db()
    assert route.state == RouteState.APPROVED
    assert review.considered_on == decision.meeting_date
    assert differences() == []
