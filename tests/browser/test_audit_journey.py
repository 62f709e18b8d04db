"""An internal audit spot check in a real browser (V6): an auditor draws a sample of five,
works through the checklists, records a finding with a follow-up action, completes the spot
check and downloads it as a PDF; the action's owner then reports progress from their inbox."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from audits.models import FollowUpAction, SpotCheck
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.pdf import pdf_text, words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "internal audit spot checks and their follow-up actions"


@pytest.fixture
def people(transactional_db):
    service = ServiceFactory(name="Streetscene")
    for n in range(1, 9):
        PartnershipFactory(name=f"Partnership {n}", lead_service=service)
    return {
        "auditor": UserFactory(
            username="auditor", role=Role.AUDITOR, first_name="Robin", last_name="Shaw"
        ),
        "officer": UserFactory(
            username="officer", role=Role.OFFICER, first_name="Sam", last_name="Patel"
        ),
    }


def test_it_takes_an_auditor_from_a_sample_to_a_completed_spot_check(
    page, live_server, sign_in, check_accessible, people
):
    sign_in(page, people["auditor"])
    page.goto(f"{live_server.url}/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Internal audit spot checks")
    check_accessible(page)

    page.get_by_role("button", name="Draw a sample").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draw a sample of partnerships")
    check_accessible(page)
    page.get_by_label("Name of the spot check").fill("Quarter 3 documentation")
    page.get_by_label("How many partnerships should the sample hold?").fill("9")
    page.get_by_role("button", name="Draw the sample").click()
    expect(page).to_have_title(re.compile(r"^Error: Draw a sample"))
    expect(page.get_by_role("link", name=re.compile("Only 8 partnerships match"))).to_be_visible()
    check_accessible(page)

    page.get_by_label("How many partnerships should the sample hold?").fill("5")
    page.get_by_role("button", name="Draw the sample").click()
    spot_check = SpotCheck.objects.get()
    expect(page.get_by_text(f"drawn with seed {spot_check.seed}")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarter 3 documentation")
    check_accessible(page)

    # The first checklist: the exit strategy is in the minutes, though not on the register.
    page.get_by_role("link", name=re.compile("^Check the documentation of")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the documentation")
    check_accessible(page)
    page.locator('input[name="exit_strategy-outcome"][value="found"]').check()
    page.get_by_role("button", name="Save the checklist").click()
    expect(
        page.get_by_role("link", name="Say why exit strategy differs from what the register shows")
    ).to_be_visible()
    check_accessible(page)
    page.locator("#id_exit_strategy-note").fill("In the board minutes of 3 March 2026.")
    page.get_by_role("button", name="Save the checklist").click()
    expect(page.get_by_text(re.compile("The checklist for .* has been saved"))).to_be_visible()

    # The other four as the register shows them.
    for _ in range(4):
        page.get_by_role("link", name=re.compile("^Check the documentation of")).first.click()
        page.get_by_role("button", name="Save the checklist").click()
        expect(page.get_by_text(re.compile("The checklist for .* has been saved"))).to_be_visible()
    expect(page.get_by_text("Every checklist has been checked.")).to_be_visible()

    page.get_by_role("button", name="Draw again from this seed").click()
    expect(page.get_by_text("The recorded sample is confirmed")).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name="Back").click()

    page.get_by_role("button", name="Record a finding").click()
    check_accessible(page)
    page.get_by_label("What was found").fill("The exit strategy is kept only in the minutes.")
    page.get_by_label("Medium").check()
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_text("The finding has been recorded")).to_be_visible()

    page.get_by_role("link", name="Change finding 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the finding")
    check_accessible(page)
    page.get_by_label("What was found").fill("The exit strategy is kept only in minutes.")
    page.get_by_role("button", name="Save the finding").click()
    expect(page.get_by_text("The finding has been changed")).to_be_visible()

    page.get_by_role("link", name="Add a follow-up action").click()
    check_accessible(page)
    page.get_by_label("What must be done").fill("Record the exit strategy on the register.")
    page.get_by_label("Who owns the action").select_option(label="Sam Patel")
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2030")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The follow-up action has been added")).to_be_visible()
    check_accessible(page)

    page.get_by_role("button", name="Complete the spot check").click()
    check_accessible(page)
    page.get_by_label("Conclusion").fill("Documentation is mostly in place.")
    page.get_by_role("button", name="Complete the spot check").click()
    expect(page.get_by_text("The spot check has been completed")).to_be_visible()
    expect(page.get_by_text("Completed", exact=True).first).to_be_visible()
    check_accessible(page)

    link = page.get_by_role("link", name="Download the spot check as a PDF")
    pdf = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    text = words(pdf_text(pdf.body()))
    assert f"Seed {spot_check.seed}" in text
    assert "COMPLETED Auditor Robin Shaw." in text
    assert "In the board minutes of 3 March 2026." in text
    assert "Record the exit strategy on the register." in text

    # The owner finds the action among their tasks and reports progress.
    page.context.clear_cookies()
    sign_in(page, people["officer"])
    page.get_by_role("link", name=re.compile("Record the exit strategy")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Follow-up action from an internal audit"
    )
    check_accessible(page)
    page.get_by_label("In progress").check()
    page.get_by_label("Progress", exact=True).fill("Drafted; going to the board in February.")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_text("The progress of the action has been saved")).to_be_visible()
    assert FollowUpAction.objects.get().status == "in_progress"
