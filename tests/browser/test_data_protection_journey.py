"""Data protection in a real browser: a declaration is hidden from an officer who may not
read it, and the register keeper handles a subject-access request."""

import json
from datetime import date

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from partnerships.models import Declaration
from tests.factories import PartnershipFactory, RepresentativeFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "declarations of interest and subject-access requests"


def test_the_keeper_downloads_everything_naming_a_representative(
    page, live_server, sign_in, check_accessible
):
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    officer = UserFactory(username="officer", role=Role.OFFICER)
    partnership = PartnershipFactory(name="Community Safety Partnership")
    rep = RepresentativeFactory(partnership=partnership, name="Priya Shah")
    Declaration.objects.create(
        representative=rep, declared_on=date(2026, 5, 1), interests="Governor of Oak School"
    )

    sign_in(page, officer)
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    expect(page.get_by_text("Priya Shah").first).to_be_visible()
    expect(page.get_by_text("Governor of Oak School")).to_have_count(0)
    expect(page.get_by_text("Seen only by those who keep, audit or lead")).to_be_visible()
    check_accessible(page)
    page.context.clear_cookies()

    sign_in(page, keeper)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Data protection").click()
    expect(page.get_by_role("heading", name="Subject-access request", level=1)).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Find").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Name, username or email address").fill("shah")
    page.get_by_role("button", name="Find").click()
    check_accessible(page)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Priya Shah").click()
    export = json.loads(downloading.value.path().read_text(encoding="utf-8"))
    assert export["declarations"][0]["interests"] == "Governor of Oak School"
