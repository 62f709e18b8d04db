import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "searching the register, changing a password, and the error pages"


def test_an_officer_signs_in_finds_a_partnership_and_signs_out(
    page, live_server, sign_in, check_accessible
):
    housing = ServiceFactory(name="Strategic Housing")
    PartnershipFactory(
        name="Select Move",
        lead_service=housing,
        remit="To provide a sub-regional choice based lettings scheme.",
    )
    PartnershipFactory(name="Veolia")
    officer = UserFactory(
        username="officer", role=Role.OFFICER, first_name="Sam", last_name="Patel"
    )

    page.goto(f"{live_server.url}/register/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/register/"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    check_accessible(page)

    # A wrong password first: the error summary must be accessible too.
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)

    sign_in(page, officer)
    expect(page.get_by_text("Signed in as Sam Patel")).to_be_visible()
    check_accessible(page)

    page.get_by_role("link", name="Register", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corporate Partnership Register")
    expect(page.get_by_text("Showing 1 to 2 of 2 partnerships")).to_be_visible()
    check_accessible(page)

    page.get_by_label("Search by name, reference or remit").fill("select")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Showing 1 to 1 of 1 partnership matching")).to_be_visible()
    check_accessible(page)

    page.get_by_role("link", name="Select Move").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select Move")
    expect(
        page.get_by_text("To provide a sub-regional choice based lettings scheme.")
    ).to_be_visible()
    check_accessible(page)

    page.get_by_role("link", name="Accessibility statement").click()
    statement = re.compile(r"^Accessibility statement for ")
    expect(page.get_by_role("heading", level=1)).to_have_text(statement)
    check_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="You have signed out")).to_be_visible()
    check_accessible(page)
    page.goto(f"{live_server.url}/register/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_the_error_pages_and_password_change_are_accessible(
    page, live_server, sign_in, check_accessible
):
    officer = UserFactory(username="officer", role=Role.OFFICER)
    sign_in(page, officer)

    page.goto(f"{live_server.url}/register/999999/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    check_accessible(page)

    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="You do not have permission")).to_be_visible()
    check_accessible(page)

    page.goto(f"{live_server.url}/account/password/")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("Enter your current password").first).to_be_visible()
    check_accessible(page)
    page.get_by_label("Old password").fill("correct-horse-battery")
    page.get_by_label("New password", exact=True).fill("a-much-longer-passphrase")
    page.get_by_label("New password confirmation").fill("a-much-longer-passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    check_accessible(page)


def test_the_register_pages_through_many_partnerships(page, live_server, sign_in, check_accessible):
    for n in range(60):
        PartnershipFactory(name=f"Partnership {n:02d}")
    sign_in(page, UserFactory(username="member", role=Role.MEMBER))
    page.goto(f"{live_server.url}/register/")
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_text("Showing 26 to 50 of 60 partnerships")).to_be_visible()
    check_accessible(page)
