"""A completed review is reported to the committee where the policy says so (Melton s7: "A
review of Partnerships will take place following the evaluation and will be reported as
appropriate to Policy Finance and Administration Committee"); the clerk records the meeting."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import differences, tasks_for
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route, RouteState
from approvals.services import route_decide
from reviews.services import ROUTE_KIND, review_complete, review_plan
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


def meeting(days_ago):
    return {
        "meeting_date": timezone.localdate() - datetime.timedelta(days=days_ago),
        "minute_reference": "PFA/2026/18",
    }


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
        route_decide(route.pk, 0, Outcome.APPROVED, "Noted.", **meeting(-1), actor=clerk)

    decision = route_decide(route.pk, 0, Outcome.APPROVED, "Noted.", **meeting(4), actor=clerk)
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

    decision = route_decide(route.pk, 0, Outcome.APPROVED, "Noted.", **meeting(4), actor=clerk)
    page = client.get(review.get_absolute_url()).content.decode()
    assert (
        f"Considered by {decision.step_label} on {decision.meeting_date:%-d %B %Y}, "
        "minute PFA/2026/18"
    ) in page
    assert list(tasks_for(clerk)) == []
    assert differences() == []


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

    route_decide(route.pk, 0, Outcome.APPROVED, "Noted.", **meeting(9), actor=clerk)
    route.refresh_from_db()
    assert (route.state, route.step["label"]) == (RouteState.IN_PROGRESS, "Leading Members")
    assert [task.title for task in tasks_for(clerk)] == [review.route_title]
    decision = route_decide(route.pk, 1, Outcome.APPROVED, "Noted.", **meeting(2), actor=clerk)
    route.refresh_from_db()
    review.refresh_from_db()
    assert route.state == RouteState.APPROVED
    assert review.considered_on == decision.meeting_date
    assert differences() == []
