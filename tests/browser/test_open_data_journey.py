"""The register keeper publishes the register as open data; a visitor reads and downloads it
without signing in."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "publishing the register as open data, and reading it without signing in"


def test_the_keeper_publishes_the_register_and_a_visitor_reads_it(
    page, live_server, sign_in, check_accessible, browser, javascript
):
    policy_apply_preset("chorley")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    PartnershipFactory(
        name="Community Safety Partnership",
        lead_service=ServiceFactory(name="Housing"),
        remit="Safer streets for everyone",
    )

    sign_in(page, keeper)
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", name="Open data", level=1)).to_be_visible()
    check_accessible(page)
    page.get_by_label("Yes, publish it").check()
    for label in ["Name", "Kind of arrangement", "Purpose or remit", "Lead service"]:
        expect(page.get_by_label(label, exact=True)).to_be_checked()
    page.get_by_label("Name", exact=True).uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Name", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The register is published as open data")).to_be_visible()
    check_accessible(page)

    # Someone on the council's website, not signed in.
    visitor = browser.new_context(java_script_enabled=javascript)
    public = visitor.new_page()
    public.goto(f"{live_server.url}/open-data/")
    expect(public.get_by_role("cell", name="Safer streets for everyone")).to_be_visible()
    expect(public.get_by_role("link", name="Open Government Licence v3.0")).to_be_visible()
    check_accessible(public)
    with public.expect_download() as download:
        public.get_by_role("link", name="Download the register as CSV").click()
    assert download.value.suggested_filename == "partnership-register.csv"
    visitor.close()
