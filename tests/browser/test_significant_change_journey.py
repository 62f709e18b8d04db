"""A significant change in a real browser (R13): a lead officer changes the purpose of their
active partnership, the register keeper sends it to SMT, and SMT's approval applies it."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "significant changes and their decisions"


OLD_REMIT = "To reduce crime and disorder."
NEW_REMIT = "To reduce crime, disorder and anti-social behaviour across the district."


def test_it_holds_a_change_of_purpose_until_smt_approves_it(
    page, live_server, sign_in, check_accessible
):
    policy_apply_preset("south-derbyshire")
    service = ServiceFactory(name="Community Safety")
    officer = UserFactory(username="officer", role=Role.OFFICER, service=service)
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    clerk = UserFactory(username="clerk", role=Role.CLERK)
    partnership = PartnershipFactory(
        name="Community Safety Partnership",
        remit=OLD_REMIT,
        lead_service=service,
        lead_officer=officer,
    )
    record = f"{live_server.url}{partnership.get_absolute_url()}"

    # The lead officer changes the purpose; without a reason they are asked for one.
    sign_in(page, officer)
    page.goto(record)
    page.get_by_role("link", name="Change the record").click()
    page.get_by_label("Main purpose or remit").fill(NEW_REMIT)
    page.get_by_label("Meeting frequency").fill("Quarterly")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter why a change to the main purpose")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Why is the change needed?").fill("The board widened its remit in March.")
    page.get_by_role("button", name="Save").click()

    # The record still shows the approved purpose, with a notice; the rest is saved.
    expect(
        page.get_by_text("is waiting for approval by the Head of Corporate Services")
    ).to_be_visible()
    expect(page.get_by_text("A change to this record is waiting for approval")).to_be_visible()
    expect(page.get_by_text(OLD_REMIT)).to_be_visible()
    expect(page.get_by_text(NEW_REMIT)).to_have_count(0)
    expect(page.get_by_text("Quarterly", exact=True)).to_be_visible()
    check_accessible(page)

    # The register keeper sends it to SMT.
    page.context.clear_cookies()
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/register/changes/")
    check_accessible(page)
    page.get_by_role("link", name="Community Safety Partnership").click()
    expect(page.get_by_text("The board widened its remit in March.")).to_be_visible()
    expect(page.get_by_role("cell", name=NEW_REMIT)).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Decide on this change").click()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Send it to the Senior Management Team (SMT) to decide").check()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("The change has been sent for a decision")).to_be_visible()
    check_accessible(page)
    page.goto(record)
    expect(page.get_by_text(OLD_REMIT)).to_be_visible()

    # The clerk records SMT's approval, from the meeting.
    page.context.clear_cookies()
    sign_in(page, clerk)
    page.goto(record)
    page.get_by_role("link", name="A change to the main purpose or remit").click()
    page.get_by_role("button", name="Record the decision of the Senior Management Team").click()
    check_accessible(page)
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Comment").fill("SMT agreed the wider remit.")
    meeting = page.get_by_role("group", name="Date of the meeting")
    meeting.get_by_label("Day").fill("3")
    meeting.get_by_label("Month").fill("11")
    meeting.get_by_label("Year").fill("2026")
    page.get_by_label("Minute reference").fill("SMT/2026/41")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
    expect(page.get_by_text("Applied", exact=True)).to_be_visible()
    check_accessible(page)

    # The record now shows the new purpose, and nothing is waiting.
    page.get_by_role("link", name="Back to the record").click()
    expect(page.get_by_text(NEW_REMIT)).to_be_visible()
    expect(page.get_by_text("waiting for approval")).to_have_count(0)
    check_accessible(page)
