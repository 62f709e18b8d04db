"""The annual register review in a real browser (V3): the register keeper opens the year's
review, a lead officer confirms one entry and updates another, the keeper follows progress,
chases, closes the review and downloads the report, and SMT read it."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.pdf import pdf_text, words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "the annual register review"


def test_it_runs_the_annual_register_review(
    page, live_server, sign_in, check_accessible, mailoutbox, tmp_path
):
    policy_apply_preset("south-derbyshire")
    leisure = ServiceFactory(name="Leisure and Community Development")
    housing = ServiceFactory(name="Housing Services")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    lead = UserFactory(username="lead", role=Role.OFFICER, service=leisure)
    other = UserFactory(username="other", role=Role.OFFICER, service=housing)
    PartnershipFactory(name="Active Derbyshire", lead_service=leisure, lead_officer=lead)
    PartnershipFactory(name="Arts Council Partnership", lead_service=leisure, lead_officer=lead)
    PartnershipFactory(name="Select Move", lead_service=housing, lead_officer=other)
    PartnershipFactory(name="Village Halls Network", lead_service=leisure)

    # The keeper opens the year's review; a missing date is asked for.
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/register-review/")
    expect(page.get_by_text("review the register in May")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Open a review").click()
    page.get_by_label("Year of the review").fill("2026")
    page.get_by_role("button", name="Open the review").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    due = page.get_by_role("group", name="Confirmations due by")
    due.get_by_label("Day").fill("30")
    due.get_by_label("Month").fill("6")
    due.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Open the review").click()
    expect(page.get_by_text("The 2026 register review is open")).to_be_visible()
    check_accessible(page)

    # The lead officer finds their entries in their inbox and confirms one.
    page.context.clear_cookies()
    sign_in(page, lead)
    page.get_by_role("link", name="Register review 2026: 2 partnership entries to confirm").click()
    expect(page.get_by_role("heading", name="Your register entries")).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name="Confirm or update Active Derbyshire").click()
    check_accessible(page)
    page.get_by_label("Yes, it is current").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Active Derbyshire: thank you")).to_be_visible()

    # ... and updates the other: the record first, then the answer.
    page.get_by_role("link", name="Confirm or update Arts Council Partnership").click()
    page.get_by_role("link", name="update the record").click()
    page.get_by_label("Meeting frequency").fill("Twice a year")
    page.get_by_role("button", name="Save").click()
    # Saving the record brings them back to the entry to answer.
    expect(page.get_by_text("Your changes have been saved")).to_be_visible()
    page.get_by_label("I have updated it").check()
    page.get_by_label("Note (optional)").fill("The board now meets twice a year.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Arts Council Partnership: thank you")).to_be_visible()
    expect(page.get_by_text("Updated", exact=True)).to_be_visible()
    check_accessible(page)

    # The keeper sees the progress and chases the officer who has not answered.
    page.context.clear_cookies()
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/register-review/")
    page.get_by_role("link", name="Register review 2026").click()
    progress = page.get_by_role("table", name="Progress by service")
    expect(progress.get_by_role("row", name="Leisure and Community Development")).to_have_text(
        "Leisure and Community Development 1 1 1 3"
    )
    expect(progress.get_by_role("row", name="All services")).to_have_text("All services 1 1 2 4")
    check_accessible(page)
    page.get_by_role("button", name="Chase the lead officers").click()
    expect(page.get_by_text("1 lead officer has 1 entry outstanding")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Email the lead officers").click()
    expect(page.get_by_text("1 lead officer emailed about 1 outstanding entry")).to_be_visible()
    assert [m.to for m in mailoutbox] == [["other@example.org"]]

    # Closing with entries outstanding needs saying so.
    page.get_by_role("button", name="Close the review").click()
    page.get_by_role("button", name="Close the review").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Close the review with these entries not confirmed").check()
    page.get_by_role("button", name="Close the review").click()
    expect(page.get_by_text("The 2026 register review is closed")).to_be_visible()
    expect(page.get_by_role("heading", name="Annual register review 2026")).to_be_visible()
    changed = page.get_by_role("row", name="Arts Council Partnership")
    expect(changed.first).to_contain_text("Meeting frequency")
    check_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the report (PDF)").click()
    path = tmp_path / "report.pdf"
    download_info.value.save_as(path)
    text = words(pdf_text(path.read_bytes()))
    assert "Annual register review 2026" in text
    assert "All services 1 1 2 4" in text
    assert "Meeting frequency" in text

    # SMT find the report among the closed reviews.
    smt = UserFactory(username="smt", role=Role.SMT)
    page.context.clear_cookies()
    sign_in(page, smt)
    page.goto(f"{live_server.url}/register-review/reports/")
    check_accessible(page)
    page.get_by_role("link", name="Annual register review 2026").click()
    expect(page.get_by_role("heading", name="Entries not confirmed")).to_be_visible()
    expect(page.get_by_role("row", name="Select Move")).to_have_count(2)
    check_accessible(page)
