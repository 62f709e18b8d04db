"""Officer representatives' annual reports to CMT (Northamptonshire 5(b): "The council
representative(s) should report on partnership achievement against targets/ outcomes.
Officer representatives will report to Corporate Management Team (CMT) annually")."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import differences, refresh_due_tasks, tasks_for
from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route, RouteState
from reviews.access import REPORT_ROUTE
from reviews.models import ReportState
from reviews.representative_reports import (
    report_save,
    report_send,
    report_send_again,
    report_start,
)
from tests.approvals.conftest import clerk_decides
from tests.factories import RepresentativeFactory, UserFactory
from tests.pdf import pdf_text, words

ACHIEVED = "Target 1, fewer young people not in education: met (from 7% to 5%)."
CMT = "Corporate Management Team (CMT)"


@pytest.fixture
def clerk(db):
    return UserFactory(username="clerk", role=Role.CLERK)


@pytest.fixture
def representative(people, partnership):
    person = UserFactory(username="rep", role=Role.OFFICER, service=people["service"])
    RepresentativeFactory(partnership=partnership, name=person.display_name, user=person)
    return person


@pytest.fixture
def northants(db):
    policy_apply_preset("northamptonshire")


@pytest.fixture
def sent(northants, partnership, representative):
    report = report_start(partnership.pk, ACHIEVED, actor=representative)
    report = report_send(report.pk, actor=representative)
    return report, Route.objects.of(report, REPORT_ROUTE)


def test_it_sends_the_report_to_cmt_as_a_committee_step(sent, representative):
    report, route = sent
    assert report.state == ReportState.SENT
    assert [step["label"] for step in route.steps] == [CMT]
    assert route.steps[0]["holder"] == Role.CLERK
    assert route.started_by == representative
    assert report.year == timezone.localdate().year


def test_it_keeps_the_report_a_draft_until_sent_and_then_fixed(
    northants, partnership, representative
):
    report = report_start(partnership.pk, "First thoughts.", actor=representative)
    assert Route.objects.of(report, REPORT_ROUTE) is None
    report = report_save(report.pk, ACHIEVED, actor=representative)
    assert report.achievement == ACHIEVED
    report_send(report.pk, actor=representative)
    with pytest.raises(ValidationError, match="no longer be changed"):
        report_save(report.pk, "Changed after sending", actor=representative)
    with pytest.raises(ValidationError, match="already been sent"):
        report_send(report.pk, actor=representative)
    assert report.history.filter(achievement="First thoughts.").exists()


def test_it_is_written_only_by_a_current_officer_representative(
    northants, partnership, representative, people
):
    with pytest.raises(PermissionDenied):
        report_start(partnership.pk, ACHIEVED, actor=people["lead"])
    seat = partnership.representatives.get(user=representative)
    seat.finished_on = timezone.localdate()
    seat.save()
    with pytest.raises(PermissionDenied):
        report_start(partnership.pk, ACHIEVED, actor=representative)


def test_it_refuses_an_empty_report_and_a_second_one_for_the_year(
    northants, partnership, representative
):
    with pytest.raises(ValidationError, match="achievement against its targets"):
        report_start(partnership.pk, "  ", actor=representative)
    assert not partnership.representative_reports.exists()
    report_start(partnership.pk, ACHIEVED, actor=representative)
    with pytest.raises(ValidationError, match="already been started"):
        report_start(partnership.pk, ACHIEVED, actor=representative)


@pytest.mark.parametrize("preset", ["chorley", "melton", "nottinghamshire", "south-derbyshire"])
def test_it_is_not_asked_for_under_other_councils(preset, partnership, representative, client):
    policy_apply_preset(preset)
    assert not Policy.current().has_route(REPORT_ROUTE, partnership.tier)
    with pytest.raises(ValidationError, match="does not ask"):
        report_start(partnership.pk, ACHIEVED, actor=representative)
    client.force_login(representative)
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Annual report" not in page
    assert client.get(reverse("reviews:report_new", args=[partnership.pk])).status_code == 404
    assert list(tasks_for(representative)) == []


def test_it_records_cmt_meeting_and_refuses_one_to_come(sent, clerk):
    report, route = sent
    with pytest.raises(ValidationError, match="today or in the past"):
        clerk_decides(route, Outcome.APPROVED, clerk, -1, "CMT/2026/31")
    decision = clerk_decides(route, Outcome.APPROVED, clerk, 3, "CMT/2026/31")
    report.refresh_from_db()
    assert report.state == ReportState.CONSIDERED
    assert (report.considered_on, report.considered_minute) == (
        decision.meeting_date,
        "CMT/2026/31",
    )


def test_it_gives_the_representative_then_the_clerk_their_tasks(
    northants, partnership, representative, clerk, client
):
    year = timezone.localdate().year
    refresh_due_tasks()
    assert [(t.kind, t.title) for t in tasks_for(representative)] == [
        ("Annual report due", f"Annual report {year}: {partnership.name}")
    ]
    report = report_start(partnership.pk, ACHIEVED, actor=representative)
    assert [t.detail for t in tasks_for(representative)] == ["Draft: send it when it is ready"]
    assert differences() == []
    report_send(report.pk, actor=representative)
    assert list(tasks_for(representative)) == []
    assert [t.title for t in tasks_for(clerk)] == [report.route_title]
    assert differences() == []

    client.force_login(clerk)
    route = Route.objects.of(report, REPORT_ROUTE)
    decide_page = client.get(reverse("approvals:decide", args=[route.pk])).content.decode()
    pack = reverse("reviews:report_pdf", args=[report.pk])
    assert pack in decide_page
    response = client.get(pack)
    assert response["Content-Type"] == "application/pdf"
    text = words(pdf_text(response.content))
    assert f"Officer representative's annual report to {CMT}" in text
    assert ACHIEVED in text

    page = client.get(report.get_absolute_url()).content.decode()
    assert f"Waiting for {CMT}" in page
    decision = clerk_decides(route, Outcome.APPROVED, clerk, 4, "CMT/2026/31")
    assert list(tasks_for(clerk)) == []
    assert differences() == []
    record = client.get(partnership.get_absolute_url()).content.decode()
    assert (
        f"Considered by {CMT} on {decision.meeting_date:%-d %B %Y}, minute CMT/2026/31"
    ) in record


def test_it_sends_a_returned_report_again_as_a_new_round(sent, clerk, client, representative):
    report, route = sent
    returned = clerk_decides(route, Outcome.RETURNED, clerk, 4, "CMT/2026/31", "Say more.")
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    assert [t.detail for t in tasks_for(representative)] == [
        f"Returned by {CMT}: amend it and send it again"
    ]
    client.force_login(representative)
    send_again = reverse("reviews:report_send_again", args=[report.pk])
    assert report.route_send_again_url == send_again
    assert send_again in client.get(report.get_absolute_url()).content.decode()
    page = client.post(send_again, {"achievement": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert "Say more." in page

    answer = f"{ACHIEVED} Target 2, apprenticeships: 40 of 50, short because of funding."
    assert client.post(send_again, {"achievement": answer}).status_code == 302
    route.refresh_from_db()
    report.refresh_from_db()
    assert (route.state, route.round) == (RouteState.IN_PROGRESS, 2)
    assert (report.state, report.achievement) == (ReportState.SENT, answer)
    assert report.history.filter(achievement=ACHIEVED).exists()
    assert [t.title for t in tasks_for(clerk)] == [report.route_title]
    assert list(tasks_for(representative)) == []
    assert differences() == []

    status = client.get(report.get_absolute_url()).content.decode()
    status = status.split("Committee consideration")[1]
    lines = [
        f"Returned by {CMT} on {returned.meeting_date:%-d %B %Y}, minute CMT/2026/31",
        f"Amended and sent again by {representative.display_name}",
        f"Waiting for {CMT}",
    ]
    assert [status.index(line) for line in lines] == sorted(status.index(line) for line in lines)


def test_it_sends_again_only_a_returned_report_and_only_by_its_representative(
    sent, clerk, people, representative
):
    report, route = sent
    with pytest.raises(ValidationError, match="nothing to send again"):
        report_send_again(report.pk, "Again", actor=representative)
    clerk_decides(route, Outcome.RETURNED, clerk, 4, "CMT/2026/31")
    with pytest.raises(PermissionDenied):
        report_send_again(report.pk, "Again", actor=people["lead"])
    route.refresh_from_db()
    assert (route.state, route.round) == (RouteState.RETURNED, 1)


def test_the_pages_write_and_send_the_report(northants, partnership, representative, client):
    client.force_login(representative)
    record = client.get(partnership.get_absolute_url()).content.decode()
    new = reverse("reviews:report_new", args=[partnership.pk])
    assert new in record
    page = client.post(new, {"achievement": ""}).content.decode()
    assert "govuk-error-summary" in page
    assert not partnership.representative_reports.exists()
    response = client.post(new, {"achievement": ACHIEVED})
    report = partnership.representative_reports.get()
    assert response.url == report.get_absolute_url()
    # A second visit opens this year's report rather than starting another.
    assert client.get(new).url == report.get_absolute_url()
    edit = reverse("reviews:report_edit", args=[report.pk])
    assert client.post(edit, {"achievement": "Amended."}).status_code == 302
    assert client.post(reverse("reviews:report_send", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    assert (report.achievement, report.state) == ("Amended.", ReportState.SENT)
    assert client.get(edit).status_code == 302


def test_the_migration_gives_an_applied_northamptonshire_policy_the_route(northants):
    migration = importlib.import_module("accounts.migrations.0019_representative_report_route")
    policy = Policy.current()
    policy.routes = {kind: s for kind, s in policy.routes.items() if kind != REPORT_ROUTE}
    policy.save()
    stamp = policy.stamp
    migration.fill_from_preset(apps, None)
    policy = Policy.current()
    assert [s["label"] for s in policy.route_steps(REPORT_ROUTE, "standard")] == [CMT]
    assert policy.stamp != stamp


def test_the_migration_leaves_other_councils_without_the_route(db):
    migration = importlib.import_module("accounts.migrations.0019_representative_report_route")
    policy_apply_preset("melton")
    migration.fill_from_preset(apps, None)
    assert REPORT_ROUTE not in Policy.current().routes
