"""The register keeper changes the council's policy on a live register, in a real browser:
choose, see what would change, give the reason, apply (issue "Every council's own
framework", item 7)."""

import pytest
from playwright.sync_api import expect

from accounts.models import Policy
from accounts.services import policy_apply_preset
from partnerships.models import Kind, Partnership, Status
from reviews.services import reviews_plan_all
from tests.factories import PartnershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JOURNEY = "changing the council’s policy on a live register"


def test_the_keeper_previews_and_applies_another_councils_policy(
    page, live_server, sign_in, check_accessible, keeper
):
    policy_apply_preset("chorley")
    PartnershipFactory(name="Veolia", kind=Kind.CONTRACT)
    PartnershipFactory(name="Community Safety Partnership")
    reviews_plan_all()
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/register/")
    page.get_by_role("link", name="Change the council's policy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the council's policy")
    check_accessible(page)
    page.get_by_role("button", name="See what would change").click()
    expect(page.get_by_text("Select the policy to change to").first).to_be_visible()
    check_accessible(page)

    page.get_by_label("South Derbyshire District Council").check()
    page.get_by_role("button", name="See what would change").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("South Derbyshire")
    expect(page.get_by_role("link", name="Veolia")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Apply South Derbyshire District Council's policy").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    assert Policy.current().preset == "chorley"

    page.get_by_label("Why are these records now excluded from the register?").fill(
        "The register excludes contracts."
    )
    page.get_by_role("button", name="Apply South Derbyshire District Council's policy").click()
    expect(page.get_by_text("The register now follows South Derbyshire")).to_be_visible()
    check_accessible(page)
    assert Partnership.objects.get(name="Veolia").status == Status.EXCLUDED
