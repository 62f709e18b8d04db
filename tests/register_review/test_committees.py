"""The closed review's report goes to the committees the policy names (V3; South Derbyshire:
"A report and updated Partnership Register will then be considered by SMT and Leading
Members"), the clerk recording each meeting's decision; elsewhere closing is the end."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import differences, tasks_for
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Decision, Outcome, Route, RouteState
from core.history import save_with_history
from partnerships.models import Partnership
from register_review.services import ROUTE_KIND, review_close, review_send_again
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


def test_it_sends_a_returned_report_again_taken_from_the_register_now(closed, clerk, people):
    review, route = closed
    policy = Policy.current()
    returned = clerk_decides(route, Outcome.RETURNED, clerk, 3, "SMT/2026/12")
    first = review.report
    # What SMT asked for is done in the register after the review closed.
    sport = Partnership.objects.get(name="Active Derbyshire")
    sport.remit = "Sport and physical activity across the district"
    save_with_history(sport, actor=people["keeper"])

    review_send_again(review.pk, actor=people["keeper"])

    route.refresh_from_db()
    review.refresh_from_db()
    assert (route.state, route.round, route.current_step) == (RouteState.IN_PROGRESS, 2, 0)
    assert route.step["label"] == policy.committee_label("smt")
    assert [row["name"] for row in review.report["updated"]] == ["Active Derbyshire"]
    assert review.report["sent_again_by"] == people["keeper"].display_name
    assert review.history.filter(report=first).exists()
    assert [(task.title, task.url) for task in tasks_for(clerk)] == [
        (review.route_title, review.get_absolute_url())
    ]
    assert differences() == []

    second = clerk_decides(route, Outcome.APPROVED, clerk, 0, "SMT/2026/15")
    assert (returned.round, second.round) == (1, 2)


def test_it_shows_both_rounds_on_the_report(closed, clerk, client, people):
    review, route = closed
    smt = Policy.current().committee_label("smt")
    returned = clerk_decides(route, Outcome.RETURNED, clerk, 3, "SMT/2026/12")
    client.force_login(people["keeper"])
    page = client.get(review.get_absolute_url()).content.decode()
    send_again = reverse("register_review:send_again", args=[review.pk])
    assert send_again in page
    assert "Waiting for" not in page

    form = client.get(send_again).content.decode()
    assert "minute SMT/2026/12" in form
    assert client.post(send_again, {}).status_code == 302
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Amended and sent again by" in page.split("Committee consideration")[0]
    status = page.split("Committee consideration")[1]
    returned_line = f"Returned by {smt} on {returned.meeting_date:%-d %B %Y}, minute SMT/2026/12"
    sent_line = f"Amended and sent again by {people['keeper'].display_name}"
    assert returned_line in status and sent_line in status
    waiting_line = f"Waiting for {smt}"
    assert status.index(returned_line) < status.index(sent_line) < status.index(waiting_line)
    assert send_again not in page


def test_it_sends_again_only_what_was_returned_and_only_for_the_keeper(
    closed, clerk, people, client
):
    review, route = closed
    with pytest.raises(ValidationError, match="nothing to send again"):
        review_send_again(review.pk, actor=people["keeper"])
    clerk_decides(route, Outcome.RETURNED, clerk, 3, "SMT/2026/12")
    with pytest.raises(PermissionDenied):
        review_send_again(review.pk, actor=people["smt"])
    client.force_login(people["member"])
    page = client.get(review.get_absolute_url()).content.decode()
    assert reverse("register_review:send_again", args=[review.pk]) not in page
    route.refresh_from_db()
    assert (route.state, route.round) == (RouteState.RETURNED, 1)
