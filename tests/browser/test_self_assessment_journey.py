"""The register keeper rates the council against its standards and keeps its improvement
plan, in a real browser, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from accounts.services import policy_apply_preset
from assessments.loader import load_forms

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JOURNEY = "the council's self-assessment and improvement plan"


def test_the_keeper_rates_the_council_and_updates_the_plan(
    page, live_server, sign_in, check_accessible, keeper
):
    load_forms()
    policy = policy_apply_preset("nottinghamshire")
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Self-assessment and improvement plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Self-assessment and improvement plan"
    )
    check_accessible(page)

    page.get_by_role("button", name="Make the improvement plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make the improvement plan")
    check_accessible(page)
    page.get_by_role("button", name="Make the improvement plan").click()
    expect(page.get_by_text("The improvement plan has been made")).to_be_visible()
    expect(page.get_by_role("link", name=policy.improvement_plan[0])).to_be_visible()
    check_accessible(page)

    page.get_by_role("link", name=policy.improvement_plan[0]).click()
    page.get_by_label("Owner").select_option(label=keeper.display_name)
    page.get_by_label("Day").fill("31")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter a real date")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Day").fill("28")
    page.get_by_label("In progress").check()
    page.get_by_role("button", name="Save the action").click()
    expect(page.get_by_text("The action has been updated")).to_be_visible()
    expect(page.get_by_role("cell", name="28 February 2027")).to_be_visible()

    page.get_by_role("button", name="Start a self-assessment").click()
    page.get_by_role("button", name="Start the self-assessment").click()
    expect(page.get_by_text("section 1 of")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_label("3: Standard reached").first.check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()
    expect(page.get_by_text("3: Standard reached")).to_be_visible()
    check_accessible(page)
