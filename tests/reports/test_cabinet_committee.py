"""The closed Cabinet report goes to the members' body where the policy says so (Chorley:
"Formal reports should be submitted to Executive Cabinet at least bi-annually"), the clerk
recording the meeting's decision; elsewhere closing is the end."""

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
from partnerships.models import Tier
from reports.services import (
    ROUTE_KIND,
    cabinet_entry_save,
    cabinet_report_close,
    cabinet_report_open,
    cabinet_report_send_again,
)
from tests.approvals.conftest import clerk_decides
from tests.factories import PartnershipFactory, UserFactory

pytestmark = pytest.mark.django_db

WRITTEN = {
    "performance": "Visits up 6% against a target of 4%.",
    "emerging_issues": "None.",
    "on_budget": "yes",
    "partner_strength": "Sound.",
    "changes": "None.",
}


@pytest.fixture
def keeper():
    return UserFactory(username="keeper", role=Role.REGISTER_KEEPER)


@pytest.fixture
def clerk():
    return UserFactory(username="clerk", role=Role.CLERK)


def written_report(keeper):
    PartnershipFactory(
        name="Leisure contract", tier=Tier.SIGNIFICANT, additional_monitoring_required=True
    )
    start = timezone.localdate().replace(month=4, day=1)
    report = cabinet_report_open(start, start.replace(month=9, day=30), actor=keeper)
    for entry in report.entries.all():
        cabinet_entry_save(entry.pk, entry.version, **WRITTEN, actor=keeper)
    return report


@pytest.fixture
def closed(keeper):
    """A report written and closed under Chorley's policy, and its route."""
    policy_apply_preset("chorley")
    report = written_report(keeper)
    cabinet_report_close(report.pk, actor=keeper)
    report.refresh_from_db()
    return report, Route.objects.of(report, ROUTE_KIND)


def test_it_sends_the_closed_report_to_executive_cabinet(closed):
    report, route = closed
    assert route.state == RouteState.IN_PROGRESS
    assert [step["label"] for step in route.steps] == [Policy.current().members_body]
    assert route.steps[0]["holder"] == Role.CLERK
    assert route.started_by == report.closed_by


def test_it_closes_without_a_route_where_the_policy_has_none(keeper):
    policy_apply_preset("south-derbyshire")
    report = written_report(keeper)
    cabinet_report_close(report.pk, actor=keeper)
    assert Route.objects.of(report, ROUTE_KIND) is None


def test_it_records_the_meeting_with_the_report(closed, clerk):
    report, route = closed
    decision = clerk_decides(route, Outcome.APPROVED, clerk, 5, "EC/2026/31")
    route.refresh_from_db()
    report.refresh_from_db()
    assert route.state == RouteState.APPROVED
    assert (report.considered_on, report.considered_minute) == (
        decision.meeting_date,
        "EC/2026/31",
    )
    assert report.history.first().history_user == clerk


def test_it_refuses_a_meeting_date_in_the_future(closed, clerk, client):
    _report, route = closed
    with pytest.raises(ValidationError, match="today or in the past"):
        clerk_decides(route, Outcome.APPROVED, clerk, -7, "EC/2026/31")

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    client.force_login(clerk)
    page = client.post(
        reverse("approvals:decide", args=[route.pk]),
        {"step_index": 0, "outcome": "approved", "comment": "Noted.",
         "meeting_date_0": tomorrow.day, "meeting_date_1": tomorrow.month,
         "meeting_date_2": tomorrow.year, "minute_reference": "EC/2026/31"},
    )  # fmt: skip
    assert page.status_code == 200
    assert "The date of the meeting must be today or in the past" in page.content.decode()
    assert not Decision.objects.filter(route=route).exists()


def test_it_shows_on_the_report_where_the_route_is(closed, clerk, client, keeper):
    report, route = closed
    client.force_login(keeper)
    page = client.get(report.get_absolute_url()).content.decode()
    assert f"Waiting for {Policy.current().members_body}" in page

    decision = clerk_decides(route, Outcome.APPROVED, clerk, 5, "EC/2026/31")
    page = client.get(report.get_absolute_url()).content.decode()
    assert (
        f"Considered by {decision.step_label} on {decision.meeting_date:%-d %B %Y}, "
        f"minute {decision.minute_reference}"
    ) in page
    assert "Waiting for" not in page


def test_it_gives_the_clerk_the_task_and_the_pack(closed, clerk, client):
    report, route = closed
    assert [(task.title, task.url) for task in tasks_for(clerk)] == [
        (report.route_title, report.get_absolute_url())
    ]
    assert differences() == []

    client.force_login(clerk)
    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("approvals:decide", args=[route.pk]) in page
    decide_page = client.get(reverse("approvals:decide", args=[route.pk])).content.decode()
    pack = reverse("reports:cabinet_pdf", args=[report.pk])
    assert pack in decide_page
    assert client.get(pack)["Content-Type"] == "application/pdf"

    clerk_decides(route, Outcome.APPROVED, clerk, 5, "EC/2026/31")
    assert list(tasks_for(clerk)) == []
    assert differences() == []


def test_it_sends_a_returned_report_again_as_a_new_round(closed, clerk, client, keeper):
    report, route = closed
    cabinet = Policy.current().members_body
    returned = clerk_decides(route, Outcome.RETURNED, clerk, 5, "EC/2026/31")
    client.force_login(keeper)
    send_again = reverse("reports:cabinet_send_again", args=[report.pk])
    assert send_again in client.get(report.get_absolute_url()).content.decode()
    page = client.post(send_again, {"introduction": "  "})
    assert "Enter the introduction, saying what has changed" in page.content.decode()

    answer = "Members asked for the leisure contract's budget; it is now in its entry."
    assert client.post(send_again, {"introduction": answer}).status_code == 302
    route.refresh_from_db()
    report.refresh_from_db()
    assert (route.state, route.round, route.step["label"]) == (RouteState.IN_PROGRESS, 2, cabinet)
    assert report.introduction == answer
    assert report.history.first().history_user == keeper
    assert [task.title for task in tasks_for(clerk)] == [report.route_title]
    assert differences() == []

    status = client.get(report.get_absolute_url()).content.decode()
    status = status.split("Committee consideration")[1]
    lines = [
        f"Returned by {cabinet} on {returned.meeting_date:%-d %B %Y}, minute EC/2026/31",
        f"Amended and sent again by {keeper.display_name}",
        f"Waiting for {cabinet}",
    ]
    assert [status.index(line) for line in lines] == sorted(status.index(line) for line in lines)
    assert send_again not in status

    considered = clerk_decides(route, Outcome.APPROVED, clerk, 0, "EC/2026/40")
    report.refresh_from_db()
    assert (considered.round, report.considered_minute) == (2, "EC/2026/40")


def test_it_sends_again_only_a_returned_report_and_only_for_the_keeper(closed, clerk, client):
    report, route = closed
    with pytest.raises(ValidationError, match="nothing to send again"):
        cabinet_report_send_again(report.pk, "Again", actor=report.closed_by)
    clerk_decides(route, Outcome.RETURNED, clerk, 5, "EC/2026/31")
    with pytest.raises(PermissionDenied):
        cabinet_report_send_again(report.pk, "Again", actor=clerk)
    client.force_login(clerk)
    page = client.get(report.get_absolute_url()).content.decode()
    assert reverse("reports:cabinet_send_again", args=[report.pk]) not in page
    route.refresh_from_db()
    assert (route.state, route.round) == (RouteState.RETURNED, 1)
