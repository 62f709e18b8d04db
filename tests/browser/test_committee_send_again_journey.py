"""Sending again what a committee returned, in a real browser: South Derbyshire's register
review report (SMT), Chorley's performance report (Executive Cabinet) and Melton's completed
review (Policy, Finance and Administration Committee). The owner finds it in their inbox,
follows the task, reads what the committee said, amends it and sends it again; the page then
shows the return and the new wait, and the task has gone."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from register_review.services import review_close, review_open
from reports.services import cabinet_entry_save, cabinet_report_close, cabinet_report_open
from reviews.services import ROUTE_KIND as REVIEW_ROUTE
from reviews.services import review_complete, review_plan
from tests.approvals.conftest import clerk_decides
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.reviews.conftest import submitted_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "sending again what a committee returned"


@pytest.fixture
def clerk():
    return UserFactory(username="clerk", role=Role.CLERK)


ASKED = "amend it and send it again"


def follow_the_task(page, check_accessible, title, committee):
    """On signing in the owner is in their inbox: the task names the council's committee."""
    task = page.get_by_role("row").filter(has_text=f"Returned by {committee}: {ASKED}")
    expect(task).to_contain_text("Returned to you")
    check_accessible(page)
    task.get_by_role("link", name=title).click()


def the_task_has_gone(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Your tasks")).to_be_visible()
    expect(page.get_by_text(ASKED)).to_have_count(0)


def test_it_sends_a_returned_register_review_report_again(
    page, live_server, sign_in, check_accessible, clerk
):
    policy_apply_preset("south-derbyshire")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    PartnershipFactory(name="Active Derbyshire")
    review = review_open(2026, date(2026, 6, 30), actor=keeper)
    review = review_close(review.pk, accept_outstanding=True, actor=keeper)
    route = Route.objects.of(review, "register_review")
    clerk_decides(route, Outcome.RETURNED, clerk, 3, "SMT/2026/12", "Add the leisure trust.")
    smt = Policy.current().committee_label("smt")

    sign_in(page, keeper)
    follow_the_task(page, check_accessible, review.route_title, smt)
    expect(page.get_by_text(f"Returned by {smt}")).to_be_visible()
    expect(page.get_by_text("Add the leisure trust.")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Send the report again").click()
    expect(page.get_by_text("The report has been taken again and sent")).to_be_visible()
    expect(page.get_by_text(f"Returned by {smt}")).to_be_visible()
    expect(page.get_by_text(f"Waiting for {smt}")).to_be_visible()
    check_accessible(page)
    the_task_has_gone(page, live_server)


def test_it_sends_a_returned_performance_report_again(
    page, live_server, sign_in, check_accessible, clerk
):
    policy_apply_preset("chorley")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    PartnershipFactory(
        name="Leisure contract", tier="significant", additional_monitoring_required=True
    )
    report = cabinet_report_open(date(2026, 4, 1), date(2026, 9, 30), actor=keeper)
    for entry in report.entries.all():
        cabinet_entry_save(entry.pk, entry.version, performance="Visits up 6%.",
                           emerging_issues="None.", on_budget="yes", partner_strength="Sound.",
                           changes="None.", actor=keeper)  # fmt: skip
    cabinet_report_close(report.pk, actor=keeper)
    route = Route.objects.of(report, "cabinet_report")
    clerk_decides(route, Outcome.RETURNED, clerk, 5, "EC/2026/31", "Say what the budget is.")
    cabinet = Policy.current().members_body

    sign_in(page, keeper)
    follow_the_task(page, check_accessible, report.route_title, cabinet)
    expect(page.get_by_text("Say what the budget is.")).to_be_visible()
    page.get_by_label("Introduction").fill("")
    page.get_by_role("button", name="Send the report again").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Introduction").fill("The leisure contract's budget is now in its entry.")
    page.get_by_role("button", name="Send the report again").click()
    expect(page.get_by_text("The report has been amended and sent again")).to_be_visible()
    expect(page.get_by_text(f"Waiting for {cabinet}")).to_be_visible()
    check_accessible(page)
    the_task_has_gone(page, live_server)


def test_it_sends_a_returned_review_again(page, live_server, sign_in, check_accessible, clerk):
    policy_apply_preset("melton")
    leisure = ServiceFactory(name="Leisure")
    lead = UserFactory(username="lead", role=Role.OFFICER, service=leisure)
    partnership = PartnershipFactory(name="Leisure Trust", lead_service=leisure, lead_officer=lead)
    review, _next = review_complete(
        review_plan(partnership).pk,
        assessment=submitted_form(lead, partnership, Policy.current().assessment_form),
        register_confirmed=True,
        conclusions="Still relevant: stay in.",
        actor=lead,
    )
    route = Route.objects.of(review, REVIEW_ROUTE)
    clerk_decides(route, Outcome.RETURNED, clerk, 4, "PFA/2026/18", "Say what it costs.")
    committee = route.steps[0]["label"]

    sign_in(page, lead)
    follow_the_task(page, check_accessible, review.route_title, committee)
    expect(page.get_by_text("Say what it costs.")).to_be_visible()
    page.get_by_label("Conclusions").fill("")
    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Conclusions").fill("Still relevant; it costs the council £40,000 a year.")
    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("The review has been amended and sent again")).to_be_visible()
    expect(page.get_by_text(f"Waiting for {committee}")).to_be_visible()
    check_accessible(page)
    the_task_has_gone(page, live_server)
