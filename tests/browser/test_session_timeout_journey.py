"""Time-outs that warn and lose nothing (WCAG 2.2.1), in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from partnerships.models import Partnership
from tests.factories import PASSWORD, PartnershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "being warned before a session times out, and losing nothing when it does"


TYPED = "Joint waste collection for the district, agreed at the March board."


def test_a_session_that_ends_mid_form_loses_nothing_typed(
    page, live_server, sign_in, check_accessible, javascript, settings
):
    settings.SESSION_IDLE_TIMEOUT = 6
    settings.SESSION_WARNING_SECONDS = 1
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory(name="Veolia")
    sign_in(page, keeper)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}edit/")
    expect(page).to_have_title(re.compile(r"^Change the record: Veolia – "))
    page.get_by_label("Remit").fill(TYPED)

    if javascript:
        # The warning comes first; left alone, it says the person has been signed out.
        dialog = page.get_by_role("alertdialog", name="You have been signed out")
        expect(dialog).to_be_visible(timeout=15_000)
        check_accessible(page)
        dialog.get_by_role("button", name="Back to the page").click()
    else:
        page.wait_for_timeout(8_000)
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("You were signed out to keep the register safe")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Username").fill(keeper.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("We have put back what you typed")).to_be_visible()
    expect(page.get_by_label("Remit")).to_have_value(TYPED)
    check_accessible(page)
    assert Partnership.objects.get(pk=partnership.pk).remit != TYPED, "not saved until pressed"
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Veolia")
    assert Partnership.objects.get(pk=partnership.pk).remit == TYPED


@pytest.mark.parametrize("javascript", [True], ids=["with-js"])
def test_the_warning_lets_a_person_stay_signed_in(
    page, live_server, sign_in, check_accessible, settings
):
    settings.SESSION_IDLE_TIMEOUT = 10
    settings.SESSION_WARNING_SECONDS = 8
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory(name="Veolia")
    sign_in(page, keeper)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}edit/")

    dialog = page.get_by_role("alertdialog", name="You’re about to be signed out")
    expect(dialog).to_be_visible(timeout=10_000)
    expect(dialog).to_contain_text("we will sign you out in")
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    check_accessible(page)
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    # Past the moment the session would have ended without the warning.
    page.wait_for_timeout(8_000)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the record")
