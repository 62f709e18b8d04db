"""Northamptonshire's officer representative reports to CMT, in a real browser (5(b): "The
council representative(s) should report on partnership achievement against targets/
outcomes. Officer representatives will report to Corporate Management Team (CMT)
annually"). The representative finds the year's report waiting in their inbox, writes and
sends it; the clerk records CMT returning it; the representative amends it and sends it
again; the clerk records CMT considering it, and the partnership's record says so."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory, RepresentativeFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "an officer representative's annual report to the senior team"

CMT = "Corporate Management Team (CMT)"


def record_cmt(page, check_accessible, outcome, comment, minute):
    """The clerk records CMT's decision from the meeting on 3 November 2026."""
    page.get_by_role("button", name=f"Record the decision of {CMT}").click()
    page.wait_for_url("**/decide/")
    check_accessible(page)
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Comment").fill(comment)
    meeting = page.get_by_role("group", name="Date of the meeting")
    meeting.get_by_label("Day").fill("3")
    meeting.get_by_label("Month").fill("11")
    meeting.get_by_label("Year").fill("2026")
    page.get_by_label("Minute reference").fill(minute)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def test_an_officer_representative_reports_to_cmt(page, live_server, switch_to, check_accessible):
    policy_apply_preset("northamptonshire")
    year = timezone.localdate().year
    service = ServiceFactory(name="Children's Services")
    representative = UserFactory(
        username="representative", role=Role.OFFICER, service=service, first_name="Ann",
        last_name="Hale",
    )  # fmt: skip
    clerk = UserFactory(username="clerk", role=Role.CLERK)
    partnership = PartnershipFactory(
        name="Northamptonshire Skills Partnership", lead_service=service, tier="significant"
    )
    RepresentativeFactory(
        partnership=partnership, name=representative.display_name, user=representative
    )
    title = f"Annual report {year}: {partnership.name}"
    clerks_title = f"Officer representative's annual report {year}: {partnership.name}"

    # The representative's inbox asks for this year's report.
    switch_to(representative)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=f"Annual report to {CMT}")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name=f"Write the annual report {year}").click()
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Partnership achievement against targets/ outcomes").fill(
        "Outcome 1, fewer young people not in education, employment or training: met."
    )
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("The report has been saved as a draft")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text="Draft")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name=f"Send it to {CMT}").click()
    expect(page.get_by_text(f"The report has been sent to {CMT}")).to_be_visible()
    expect(page.locator(".govuk-tag", has_text=f"Waiting for {CMT}").first).to_be_visible()
    check_accessible(page)

    # The clerk takes it to CMT, with its pack; CMT asks for more.
    switch_to(clerk)
    task = page.get_by_role("link", name=clerks_title)
    expect(task).to_be_visible()
    # The inbox page was checked above, as the representative's; it is the same page.
    task.click()
    # The report's page as the clerk sees it is the page checked above, with their button.
    pack = page.get_by_role("link", name="Download the report (PDF)").get_attribute("href")
    record_cmt(page, check_accessible, "Return for changes", "Say how outcome 2 went.", "CMT/31")
    response = page.request.get(f"{live_server.url}{pack}")
    assert response.headers["content-type"] == "application/pdf"
    expect(page.get_by_text(f"Returned by {CMT} on 3 November 2026, minute CMT/31")).to_be_visible()

    # The representative amends it and sends it again.
    # What CMT returned waits in their inbox, as everything a committee returns does, and
    # leads to the page that sends it again.
    switch_to(representative)
    row = page.get_by_role("row").filter(has_text=f"Returned by {CMT}: amend it and send it again")
    row.get_by_role("link", name=clerks_title).click()
    expect(page.get_by_text("Say how outcome 2 went.")).to_be_visible()
    page.get_by_label("Partnership achievement against targets/ outcomes").fill("")
    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Partnership achievement against targets/ outcomes").fill(
        "Outcome 1: met. Outcome 2, apprenticeships: 41 of 50, short as two employers withdrew."
    )
    page.get_by_role("button", name="Send it again").click()
    expect(page.get_by_text("The report has been amended and sent again")).to_be_visible()
    expect(
        page.get_by_text(f"Amended and sent again by {representative.display_name}")
    ).to_be_visible()
    check_accessible(page)

    # CMT considers it; the record says when and under which minute.
    switch_to(clerk)
    page.get_by_role("link", name=clerks_title).click()
    record_cmt(page, check_accessible, "Approve", "Noted by CMT.", "CMT/44")
    considered = f"Considered by {CMT} on 3 November 2026, minute CMT/44"
    expect(page.get_by_text(considered).first).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name="Back to the partnership").click()
    expect(page.get_by_text(considered)).to_be_visible()
    check_accessible(page)
