"""Keeping the register, in a real browser (R1, R2, R12, U2)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "keeping the register’s records"


@pytest.fixture
def south_derbyshire(transactional_db):
    return policy_apply_preset("south-derbyshire")


def test_the_keeper_adds_classifies_edits_and_reads_the_history(
    page, live_server, sign_in, check_accessible, south_derbyshire
):
    ServiceFactory(name="Community Safety")
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    sign_in(page, keeper)

    page.goto(f"{live_server.url}/register/")
    page.get_by_role("button", name="Add a partnership").click()
    expect(page.get_by_role("heading", name="Add an arrangement to the register")).to_be_visible()
    check_accessible(page)

    # A contract: South Derbyshire's register does not hold contracts.
    page.get_by_label("Name of the arrangement").fill("Grounds maintenance contract")
    page.get_by_label("Contract for services (not held in the register)").check()
    page.get_by_label("Lead service").select_option(label="Community Safety")
    page.get_by_label("Main purpose or remit").fill("Grass cutting in parks.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("why is it kept out?").fill("A contract for services, not a partnership.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Grounds maintenance contract is recorded as excluded")).to_be_visible()
    expect(page.get_by_text("A contract for services, not a partnership.")).to_be_visible()
    check_accessible(page)

    # A partnership the register holds.
    page.goto(f"{live_server.url}/register/new/")
    page.get_by_label("Name of the arrangement").fill("Community Safety Partnership")
    page.get_by_label("Partnership", exact=True).check()
    page.get_by_label("Lead service").select_option(label="Community Safety")
    page.get_by_label("Main purpose or remit").fill("To reduce crime and disorder.")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community Safety Partnership")
    check_accessible(page)

    page.get_by_role("link", name="Change the record").click()
    check_accessible(page)
    page.get_by_label("The partnership is statutory, or membership is mandatory").check()
    page.get_by_label("Meeting frequency").fill("Quarterly")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your changes have been saved")).to_be_visible()
    expect(page.get_by_text("Quarterly")).to_be_visible()

    page.get_by_role("link", name="Decide the tier").click()
    check_accessible(page)
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("approved budgets")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("accountable body")).get_by_label("No").check()
    page.get_by_role("button", name="Save the tier").click()
    expect(page.get_by_text("is a significant partnership")).to_be_visible()

    page.get_by_role("link", name="Add a risk").click()
    check_accessible(page)
    page.get_by_label("Describe the risk to the council").fill("Partners stop attending.")
    page.get_by_label("3: Likely").check()
    page.get_by_label("2: Moderate").check()
    page.get_by_label("Risk owner").fill("Head of Community Safety")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Medium (3 × 2)")).to_be_visible()

    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("heading", name="History of changes")).to_be_visible()
    expect(page.get_by_text("Meeting frequency").first).to_be_visible()
    expect(page.get_by_text("Partners stop attending.").first).to_be_visible()
    check_accessible(page)

    # The excluded arrangement can still be listed.
    page.goto(f"{live_server.url}/register/")
    page.get_by_label("Status").select_option(label="Excluded from the register")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name="Grounds maintenance contract")).to_be_visible()
    check_accessible(page)


def test_a_lead_officer_edits_their_own_partnership_and_not_another(
    page, live_server, sign_in, check_accessible, south_derbyshire
):
    officer = UserFactory(username="officer", role=Role.OFFICER)
    own = PartnershipFactory(name="Select Move", lead_officer=officer)
    other = PartnershipFactory(name="Veolia")
    sign_in(page, officer)

    page.goto(f"{live_server.url}{own.get_absolute_url()}")
    page.get_by_role("link", name="Add a partner organisation").click()
    check_accessible(page)
    page.get_by_label("Organisation").fill("Preston City Council")
    page.get_by_label("Public").check()
    page.get_by_role("group", name="Has it agreed to take part?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The partner organisation has been added")).to_be_visible()
    expect(page.get_by_role("cell", name="Preston City Council", exact=True)).to_be_visible()
    check_accessible(page)

    page.goto(f"{live_server.url}{other.get_absolute_url()}")
    expect(page.get_by_role("link", name="Change the record")).to_have_count(0)
    page.goto(f"{live_server.url}{other.get_absolute_url()}edit/")
    expect(page.get_by_role("heading", name="You do not have permission")).to_be_visible()
    check_accessible(page)


def test_an_auditor_reads_everything_and_changes_nothing(
    page, live_server, sign_in, check_accessible, south_derbyshire
):
    partnership = PartnershipFactory(name="Select Move")
    partnership.risks.create(description="Loss of grant", likelihood=2, impact=2, owner="Head")
    auditor = UserFactory(username="auditor", role=Role.AUDITOR)
    sign_in(page, auditor)

    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    expect(page.get_by_text("Loss of grant")).to_be_visible()
    expect(page.get_by_role("link", name="Change the record")).to_have_count(0)
    expect(page.get_by_role("link", name="Add a risk")).to_have_count(0)
    check_accessible(page)

    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_text("Added: risk")).to_be_visible()
    check_accessible(page)

    for path in ["edit/", "tier/", "risks/add/"]:
        page.goto(f"{live_server.url}{partnership.get_absolute_url()}{path}")
        expect(page.get_by_role("heading", name="You do not have permission")).to_be_visible()
