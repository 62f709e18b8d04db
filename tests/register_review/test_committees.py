"""The closed review's report goes to the committees the policy names (V3; South Derbyshire:
"A report and updated Partnership Register will then be considered by SMT and Leading
Members"), the clerk recording each meeting's decision; elsewhere closing is the end."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import differences, tasks_for
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Decision, Outcome, Route, RouteState
from register_review.services import ROUTE_KIND, review_close
from tests.approvals.conftest import clerk_decides
from tests.factories import UserFactory


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", role=Role.CLERK, first_name="Cleo", last_name="Clerk")


@pytest.fixture
def closed(review, people):
    """The review closed by the keeper under South Derbyshire's policy, and its route."""
    policy_apply_preset("south-derbyshire")
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    review.refresh_from_db()
    return review, Route.objects.of(review, ROUTE_KIND)


def test_it_sends_the_closed_review_to_smt_then_leading_members(closed):
    review, route = closed
    policy = Policy.current()
    assert route.state == RouteState.IN_PROGRESS
    assert [step["label"] for step in route.steps] == [
        policy.committee_label("smt"),
        policy.committee_label("cabinet"),
    ]
    assert all(step["holder"] == Role.CLERK for step in route.steps)
    assert route.started_by == review.closed_by


def test_it_closes_without_a_route_where_the_policy_has_none(review, people):
    policy_apply_preset("melton")
    review_close(review.pk, accept_outstanding=True, actor=people["keeper"])
    assert Route.objects.of(review, ROUTE_KIND) is None


def test_it_records_each_committee_and_keeps_the_last_meeting_with_the_review(closed, clerk):
    review, route = closed
    clerk_decides(route, Outcome.APPROVED, clerk, 14, "SMT/2026/12")
    route.refresh_from_db()
    assert route.state == RouteState.IN_PROGRESS
    review.refresh_from_db()
    assert review.considered_on is None

    last = clerk_decides(route, Outcome.APPROVED, clerk, 2, "LM/2026/7")
    route.refresh_from_db()
    review.refresh_from_db()
    assert route.state == RouteState.APPROVED
    assert (review.considered_on, review.considered_minute) == (
        last.meeting_date,
        "LM/2026/7",
    )
    assert review.history.first().history_user == clerk


def test_it_refuses_a_meeting_date_in_the_future(closed, clerk, client):
    _review, route = closed
    with pytest.raises(ValidationError, match="today or in the past"):
        clerk_decides(route, Outcome.APPROVED, clerk, -1, "SMT/2026/12")

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(clerk)
    page = client.post(
        reverse("approvals:decide", args=[route.pk]),
        {"step_index": 0, "outcome": "approved", "comment": "Noted.",
         "meeting_date_0": tomorrow.day, "meeting_date_1": tomorrow.month,
         "meeting_date_2": tomorrow.year, "minute_reference": "SMT/2026/12"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "The date of the meeting must be today or in the past" in page.content.decode()
    assert not Decision.objects.filter(route=route).exists()


def test_it_shows_on_the_report_where_the_route_is(closed, clerk, client, people):
    review, route = closed
    policy = Policy.current()
    client.force_login(people["member"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert f"Waiting for {policy.committee_label('smt')}" in page

    first = clerk_decides(route, Outcome.APPROVED, clerk, 14, "SMT/2026/12")
    second = clerk_decides(route, Outcome.APPROVED, clerk, 2, "LM/2026/7")
    page = client.get(review.get_absolute_url()).content.decode()
    for decision in (first, second):
        considered = (
            f"Considered by {decision.step_label} on "
            f"{decision.meeting_date:%-d %B %Y}, minute {decision.minute_reference}"
        )
        assert considered in page
    assert "Waiting for" not in page


def test_it_gives_the_clerk_the_task_and_the_pack(closed, clerk, client):
    review, route = closed
    assert [(task.title, task.url) for task in tasks_for(clerk)] == [
        (review.route_title, review.get_absolute_url())
    ]
    assert differences() == []

    client.force_login(clerk)
    page = client.get(review.get_absolute_url()).content.decode()
    assert reverse("approvals:decide", args=[route.pk]) in page
    decide_page = client.get(reverse("approvals:decide", args=[route.pk])).content.decode()
    pack = reverse("register_review:report_pdf", args=[review.pk])
    assert pack in decide_page
    assert client.get(pack)["Content-Type"] == "application/pdf"

    clerk_decides(route, Outcome.APPROVED, clerk, 14, "SMT/2026/12")
    clerk_decides(route, Outcome.APPROVED, clerk, 2, "LM/2026/7")
    assert list(tasks_for(clerk)) == []
    assert differences() == []


def test_it_keeps_the_snapshot_when_a_committee_returns_it(closed, clerk):
    review, route = closed
    report = review.report
    clerk_decides(route, Outcome.RETURNED, clerk, 3, "SMT/2026/12")
    route.refresh_from_db()
    review.refresh_from_db()
    assert route.state == RouteState.RETURNED
    assert review.report == report
    assert review.considered_on is None
