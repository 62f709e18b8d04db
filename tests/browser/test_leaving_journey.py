"""Leaving a statutory partnership in a real browser (V7, A6): the lead officer proposes it and
is made to record the legal and financial advice; the route's deciders approve; the
partnership is exiting; the cessation evaluation is completed and accepted; the partnership
has ceased and is still found by searching the whole register."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "leaving a partnership"


NAME = "Community Safety Partnership"


def decide(page, comment, meeting=False):
    # A button on the withdrawal's page, a link styled as one on a form's page.
    page.get_by_role("button", name="Decide").or_(page.get_by_role("link", name="Decide")).click()
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Comment").fill(comment)
    if meeting:
        group = page.get_by_role("group", name="Date of the meeting")
        group.get_by_label("Day").fill("3")
        group.get_by_label("Month").fill("11")
        group.get_by_label("Year").fill("2026")
        page.get_by_label("Minute reference").fill("SMT/2026/52")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def switch(page, sign_in, user):
    page.context.clear_cookies()
    sign_in(page, user)


def test_it_takes_the_council_out_of_a_statutory_partnership(
    page, live_server, sign_in, check_accessible
):
    policy_apply_preset("south-derbyshire")
    load_forms()
    service = ServiceFactory(name="Community Safety")
    officer = UserFactory(username="officer", role=Role.OFFICER, service=service)
    head = UserFactory(username="head", role=Role.HEAD_OF_SERVICE, service=service)
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    clerk = UserFactory(username="clerk", role=Role.CLERK)
    partnership = PartnershipFactory(
        name=NAME,
        statutory=True,
        lead_service=service,
        lead_officer=officer,
        exit_strategy="Six months' notice to the board.",
    )
    record = f"{live_server.url}{partnership.get_absolute_url()}"

    # The lead officer proposes leaving; without the advice it cannot be sent.
    sign_in(page, officer)
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    expect(page.get_by_label("Exit strategy")).to_have_value("Six months' notice to the board.")
    check_accessible(page)
    page.get_by_label("Why should the council leave").fill("Its aims are now met by the county.")
    page.get_by_label("What are the risks of leaving?").fill("Loss of influence; low.")
    page.get_by_label("How will the council's responsibilities").fill("The county takes the chair.")
    page.get_by_label("How will services to residents continue").fill("Under the county contract.")
    exit_date = page.get_by_role("group", name="Proposed exit date")
    exit_date.get_by_label("Day").fill("31")
    exit_date.get_by_label("Month").fill("3")
    exit_date.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Send for a decision").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the legal advice taken")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the financial advice taken")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Legal advice taken").fill("Legal Services: notice under clause 12.")
    page.get_by_label("Financial advice taken").fill("Finance: no liabilities after March.")
    page.get_by_role("button", name="Send for a decision").click()
    expect(page.get_by_text("Your proposal to leave has been sent for a decision")).to_be_visible()
    expect(page.get_by_text("Legal Services: notice under clause 12.")).to_be_visible()
    check_accessible(page)

    # The Head of Service, then the Head of Corporate Services, approve it.
    switch(page, sign_in, head)
    page.get_by_role("link", name=f"Leaving: {NAME}").click()
    decide(page, "The service agrees.")
    check_accessible(page)
    switch(page, sign_in, keeper)
    page.get_by_role("link", name=f"Leaving: {NAME}").click()
    decide(page, "Agreed; the register will show it as exiting.")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()

    # It is exiting; the lead officer completes the cessation evaluation.
    switch(page, sign_in, officer)
    page.goto(record)
    expect(page.get_by_text("The council is leaving this partnership")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Complete the cessation evaluation").click()
    page.wait_for_url(lambda url: url != record)
    while page.get_by_role("button", name="Save and continue").count():
        for box in page.locator("textarea").all():
            box.fill("Joint patrols worked; agree data sharing earlier next time.")
        leaving = page.url
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url(lambda url, leaving=leaving: url != leaving)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()

    # The Head of Corporate Services accepts it, and the clerk records SMT's decision.
    switch(page, sign_in, keeper)
    page.get_by_role("link", name=f"Partnership Evaluation Checklist: {NAME}").click()
    decide(page, "Key findings received.")
    switch(page, sign_in, clerk)
    page.get_by_role("link", name=f"Partnership Evaluation Checklist: {NAME}").click()
    decide(page, "SMT noted the evaluation.", meeting=True)

    # It has ceased: out of the current register, found with status All, lessons published.
    switch(page, sign_in, officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    page.goto(f"{live_server.url}/register/")
    page.get_by_label("Search by name, reference or remit").fill("Community Safety")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name=NAME)).to_have_count(0)
    page.get_by_label("Status").select_option(label="All, including excluded, rejected and ceased")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name=NAME)).to_be_visible()
    check_accessible(page)
    page.goto(f"{live_server.url}/assessments/evaluations/")
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    check_accessible(page)
