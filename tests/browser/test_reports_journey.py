"""Prioritisation, the SMT summary and the Cabinet report, in a real browser (V4, V5, V8)."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from partnerships.models import Tier
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.pdf import pdf_text, words

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "prioritisation, the senior team’s annual summary and the performance report"


@pytest.fixture
def chorley(transactional_db):
    return policy_apply_preset("chorley")


def test_the_keeper_prioritises_smt_reads_and_cabinet_gets_its_report(
    page, live_server, sign_in, check_accessible, chorley
):
    service = ServiceFactory(name="Streetscene and Leisure Contracts")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    smt = UserFactory(username="smt", role=Role.SMT)
    lead = UserFactory(username="lead", role=Role.OFFICER, service=service)
    # A key partnership Appendix A marks for additional monitoring: the report covers it.
    PartnershipFactory(name="Leisure contract", tier=Tier.SIGNIFICANT, lead_officer=lead,
                       lead_service=service, additional_monitoring_required=True)  # fmt: skip
    PartnershipFactory(name="Golf course", lead_service=service)

    # V8: the keeper marks the golf course as a low priority candidate for withdrawal.
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/reports/")
    check_accessible(page)
    page.get_by_role("link", name="Prioritisation").click()
    expect(page.get_by_role("heading", name="Prioritisation", level=1)).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name="Set the priority of Golf course").click()
    check_accessible(page)
    page.get_by_label("Low").check()
    page.get_by_label("Mark it as a candidate for withdrawal").check()
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Reasons for considering withdrawal").fill(
        "Serves one objective; the market could run it."
    )
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_text("The priority of Golf course has been saved")).to_be_visible()
    expect(page.get_by_text("Candidate for withdrawal: Serves one objective")).to_be_visible()

    # V5: the keeper opens the half-yearly report.
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Key partnership reports to Executive Cabinet").click()
    check_accessible(page)
    page.get_by_role("button", name="Open a report").click()
    check_accessible(page)
    for group, (day, month, year) in {
        "Start of the period": ("1", "4", "2026"),
        "End of the period": ("30", "9", "2026"),
    }.items():
        page.get_by_role("group", name=group).get_by_label("Day").fill(day)
        page.get_by_role("group", name=group).get_by_label("Month").fill(month)
        page.get_by_role("group", name=group).get_by_label("Year").fill(year)
    page.get_by_role("button", name="Open the report").click()
    heading = "Key partnership report, April to September 2026"
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_text("Not written yet")).to_be_visible()
    check_accessible(page)

    # V4: SMT sees the withdrawal candidate in the annual summary.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, smt)
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="SMT annual summary").click()
    expect(page.get_by_role("heading", name="SMT annual summary of partnerships")).to_be_visible()
    expect(page.get_by_role("img", name="Partnerships by status")).to_be_visible()
    reasons = "Serves one objective; the market could run it."
    expect(page.get_by_role("cell", name=reasons)).to_be_visible()
    check_accessible(page)

    # The lead officer writes the entry from their inbox.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, lead)
    page.get_by_role("link", name="Write the performance report entry for Leisure contract").click()
    check_accessible(page)
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Performance against this year's targets").fill(
        "Visits rose 6% against a target of 4%."
    )
    page.get_by_label("Emerging issues").fill("Energy costs are above the contract's assumptions.")
    page.get_by_label("No, not on budget").check()
    page.get_by_label("Key partners' strength and stability").fill("Sound accounts.")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text("The entry for Leisure contract has been saved")).to_be_visible()

    # The keeper closes the report and exports it for Cabinet.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, keeper)
    page.get_by_role("link", name="Assemble and close the performance report").click()
    expect(page.get_by_text("Visits rose 6% against a target of 4%.")).to_be_visible()
    page.get_by_role("button", name="Close the report").click()
    check_accessible(page)
    page.get_by_role("button", name="Close the report").click()
    expect(page.get_by_text("The report is closed and ready for Executive Cabinet")).to_be_visible()
    check_accessible(page)
    href = page.get_by_role("link", name="Download the report as a PDF").get_attribute("href")
    download = page.request.get(f"{live_server.url}{href}")
    assert download.headers["content-type"] == "application/pdf"
    text = words(pdf_text(download.body()))
    assert "FINAL" in text and "Visits rose 6% against a target of 4%." in text
