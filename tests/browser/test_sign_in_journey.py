"""Signing in as councils do: through a real OpenID provider (tests/oidc), and with a
password and an authenticator app code (MFA)."""

import re

import pyotp
import pytest
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from accounts.services import policy_apply_preset
from tests.factories import PASSWORD, ServiceFactory, UserFactory
from tests.oidc import SIGN_IN_POLICY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "signing in through the council’s own sign-in, and with an authenticator app"


@pytest.fixture
def sso(settings, oidc_provider):
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    ServiceFactory(name="Corporate Services")
    policy = policy_apply_preset("south-derbyshire")
    policy.sign_in = dict(SIGN_IN_POLICY)
    policy.save()
    return oidc_provider


def at_provider(page, account):
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("any")
    page.get_by_role("button", name="Sign-in").click()
    page.get_by_role("button", name="Continue").click()


def test_it_signs_in_through_the_councils_provider_and_out_again(
    page, live_server, sso, check_accessible
):
    kim = UserFactory(
        username="kkeeper",
        email="kim.keeper@council.example",
        first_name="Kim",
        last_name="Keeper",
        role=Role.OFFICER,
    )
    page.goto(f"{live_server.url}/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    check_accessible(page)
    page.get_by_role("button", name="Sign in with your council account").click()

    expect(page).to_have_url(re.compile(rf"^{sso.issuer}/interaction/"))
    at_provider(page, "kim.keeper")

    # Back in the portal, where the journey began, with the role the mapping gives.
    expect(page).to_have_url(f"{live_server.url}/register/")
    expect(page.get_by_text("Kim Keeper")).to_be_visible()
    check_accessible(page)
    kim.refresh_from_db()
    assert kim.role == Role.REGISTER_KEEPER
    assert kim.service.name == "Corporate Services"

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    check_accessible(page)
    page.get_by_role("button", name="Sign out of your council account too").click()
    page.get_by_role("button", name="Yes, sign me out").click()
    expect(page).to_have_url(f"{live_server.url}/sign-in/")
    page.goto(f"{live_server.url}/register/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_it_tells_someone_the_portal_does_not_know_that_they_cannot_come_in(
    page, live_server, sso, check_accessible
):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in with your council account").click()
    at_provider(page, "sam.stranger")
    expect(page.get_by_role("heading", level=1)).to_have_text("You could not be signed in")
    expect(page.get_by_text("not set up for this portal")).to_be_visible()
    check_accessible(page)
    assert not User.objects.filter(sso_subject__isnull=False).exists()


def test_it_has_an_administrator_set_up_an_authenticator_app_and_sign_in_with_a_code(
    page, live_server, settings, check_accessible
):
    settings.MFA_REQUIRED_ROLES = ["admin"]
    admin = UserFactory(username="admin", role=Role.ADMIN, first_name="Ada", last_name="Admin")

    def password_step():
        page.goto(f"{live_server.url}/sign-in/")
        page.get_by_label("Username").fill(admin.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()

    password_step()
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up an authenticator app")
    expect(page.get_by_alt_text("QR code to scan with your authenticator app")).to_be_visible()
    check_accessible(page)
    page.get_by_text("I cannot scan the code").click()
    app = pyotp.TOTP(page.locator("#secret-key").inner_text().replace(" ", ""))

    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("link", name="The code is not right")).to_be_visible()
    check_accessible(page)

    page.get_by_label("Code").fill(app.now())
    page.get_by_role("button", name="Set up").click()
    expect(page.get_by_role("heading", name="Keep your recovery codes")).to_be_visible()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    recovery = page.locator("#recovery-codes li").first.inner_text()
    check_accessible(page)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Waiting for you")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    password_step()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    check_accessible(page)
    page.get_by_label("Code").fill(recovery)
    page.get_by_role("button", name="Continue").click()
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
