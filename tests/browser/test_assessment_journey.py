"""Completing an assessment in a real browser (A1-A5)."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.models import QuestionnaireTemplate
from tests.assessments.conftest import FORM
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "completing an assessment and signing it off"


def test_a_lead_officer_completes_an_assessment_and_the_head_of_service_signs_it_off(
    page, live_server, sign_in, check_accessible
):
    policy = policy_apply_preset("south-derbyshire")
    # The test's own small form, offered as one of the policy's checklists.
    policy.forms["checklists"] = [FORM["key"]]
    policy.save()
    QuestionnaireTemplate.objects.create(
        key=FORM["key"], version=1, title=FORM["title"], council=FORM["council"],
        source=FORM["source"], kind=FORM["kind"], definition=FORM,
    )  # fmt: skip
    service = ServiceFactory(name="Community Safety")
    officer = UserFactory(username="officer", role=Role.OFFICER, service=service)
    head = UserFactory(username="head", role=Role.HEAD_OF_SERVICE, service=service)
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory(
        name="Community Safety Partnership", lead_officer=officer, lead_service=service
    )

    sign_in(page, officer)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    page.get_by_role("link", name="Complete a form").click()
    check_accessible(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("Select the form to complete").first).to_be_visible()
    check_accessible(page)
    page.get_by_label("Partnership Assessment").check()
    page.get_by_role("button", name="Start").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Shared vision")
    check_accessible(page)
    page.get_by_label("1: Not in place").check()
    page.get_by_label("Evidence").fill("No shared plan yet")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("add an action for it to the action plan")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Clear roles")
    check_accessible(page)
    page.get_by_label("4: Standard met").check()
    page.get_by_label("What would help most?").fill("A shared plan")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("No shared plan yet")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("Total 5 out of 8")).to_be_visible()
    expect(page.get_by_role("img", name="Score by area")).to_be_visible()
    check_accessible(page)

    # The feature rated 1 asks for an action.
    page.get_by_role("link", name="add an action for The partners share a vision").click()
    check_accessible(page)
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("What will be done").fill("Agree a shared plan with the partners")
    page.get_by_label("Owner").select_option(label=officer.display_name)
    page.get_by_role("group", name="Deadline").get_by_label("Day").fill("31")
    page.get_by_role("group", name="Deadline").get_by_label("Month").fill("3")
    page.get_by_role("group", name="Deadline").get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The action plan has been updated")).to_be_visible()
    expect(page.get_by_role("link", name="Agree a shared plan with the partners")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, head)
    page.get_by_role("link", name="Partnership Assessment: Community Safety Partnership").click()
    page.get_by_role("link", name="Decide").click()
    check_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Comment").fill("A fair picture.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/assessments/templates/")
    check_accessible(page)
    page.get_by_role("link", name="Partnership Assessment").click()
    expect(page.get_by_text("Not in place")).to_be_visible()
    check_accessible(page)
