"""The councils' own forms, completed in a real browser (A2-A5, P2)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from tests.browser.test_proposal_journey import answer_alternatives, answer_purpose, start
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "completing the councils’ own forms: assessments, evaluations and checklists"


@pytest.fixture
def people(transactional_db):
    load_forms()
    service = ServiceFactory(name="Community Safety")
    return {
        "officer": UserFactory(username="officer", role=Role.OFFICER, service=service),
        "head": UserFactory(username="head", role=Role.HEAD_OF_SERVICE, service=service),
        "keeper": UserFactory(username="keeper", role=Role.REGISTER_KEEPER),
        "clerk": UserFactory(username="clerk", role=Role.CLERK),
        "service": service,
    }


def fill_section(page, rating_position=0):
    """Answers every question on the page: a choice in each set of radios (the rating at
    `rating_position` on its scale), a few words in each text box, a date in each date, and
    each option of a ranking in turn."""
    for radios in page.locator(".govuk-radios").all():
        options = radios.locator("input[type=radio]")
        index = min(rating_position, options.count() - 1) if options.count() > 3 else 0
        options.nth(index).check()
    for box in page.locator("textarea").all():
        box.fill("Discussed at the partnership board in October.")
    for date in page.locator(".govuk-date-input").all():
        inputs = date.locator("input")
        for value, position in [("1", 0), ("10", 1), ("2026", 2)]:
            inputs.nth(position).fill(value)
    for number in page.locator("input[inputmode=decimal]").all():
        number.fill("1000")
    for ranking in page.locator("fieldset:has(input[inputmode=numeric])").all():
        for rank, box in enumerate(ranking.locator("input[inputmode=numeric]").all(), start=1):
            box.fill(str(rank))


def start_form(page):
    """Starts the chosen form and waits for its first section to replace the choice."""
    choosing = page.url
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(lambda url: url != choosing)


def answer_every_section(page, check_accessible, rating_position=0):
    """Section after section until the check-your-answers page, waiting for each page to
    arrive before looking at it."""
    while "/check/" not in page.url:
        check_accessible(page)
        fill_section(page, rating_position)
        leaving = page.url
        page.get_by_role("button", name="Save and continue").click()
        page.wait_for_url(lambda url, leaving=leaving: url != leaving)
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()


def complete_form(page, check_accessible, title, rating_position=0):
    page.get_by_role("link", name="Complete a form").click()
    page.get_by_label(title).check()
    start_form(page)
    answer_every_section(page, check_accessible, rating_position)
    check_accessible(page)
    expect(page.get_by_text("still to answer")).to_have_count(0)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    check_accessible(page)
    return page.url


def decide(page, sign_in, check_accessible, person, address, minute=None):
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, person)
    page.goto(address)
    page.get_by_role("link", name="Decide").click()
    page.wait_for_url("**/decide/")
    check_accessible(page)
    page.get_by_label("Approve").check()
    page.get_by_label("Comment").fill("A fair picture of the partnership.")
    if minute:
        meeting = page.get_by_role("group", name="Date of the meeting")
        meeting.get_by_label("Day").fill("10")
        meeting.get_by_label("Month").fill("3")
        meeting.get_by_label("Year").fill("2026")
        page.get_by_label("Minute reference").fill(minute)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def test_the_ten_feature_assessment_is_completed_signed_off_and_scored_on_the_register(
    page, live_server, sign_in, check_accessible, people
):
    policy_apply_preset("south-derbyshire")
    partnership = PartnershipFactory(
        name="Sport and Health Partnership",
        lead_officer=people["officer"],
        lead_service=people["service"],
    )
    sign_in(page, people["officer"])
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    # Every feature rated 1, "Not in place": each asks for an action.
    address = complete_form(page, check_accessible, re.compile("^Partnership Assessment"))
    expect(page.get_by_text("Total 10 out of 40")).to_be_visible()
    expect(page.get_by_text("Each of these was rated low enough to need an action")).to_be_visible()

    decide(page, sign_in, check_accessible, people["head"], address)
    decide(page, sign_in, check_accessible, people["keeper"], address)
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    page.goto(f"{live_server.url}/register/")
    row = page.get_by_role("row").filter(has_text="Sport and Health Partnership")
    expect(row).to_contain_text("10 of 40")


def test_meltons_evaluation_toolkit_is_completed_end_to_end(
    page, live_server, sign_in, check_accessible, people
):
    policy_apply_preset("melton")
    partnership = PartnershipFactory(
        name="Melton Community Safety Partnership",
        lead_officer=people["officer"],
        lead_service=people["service"],
    )
    sign_in(page, people["officer"])
    page.goto(f"{live_server.url}{partnership.get_absolute_url()}")
    address = complete_form(
        page, check_accessible, re.compile("Partnership Evaluation Toolkit"), rating_position=3
    )
    expect(page.get_by_text(re.compile(r"Total \d+ out of 135"))).to_be_visible()
    # Melton: the Head of Service, then Management Team at its meeting.
    decide(page, sign_in, check_accessible, people["head"], address)
    decide(page, sign_in, check_accessible, people["clerk"], address, minute="MT/2026/23")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()
    expect(page.get_by_text("minute MT/2026/23")).to_be_visible()


def test_a_melton_proposal_waits_for_the_partnership_checklist(
    page, live_server, sign_in, check_accessible, people
):
    policy_apply_preset("melton")
    sign_in(page, people["officer"])
    start(page, live_server, check_accessible, "Melton Youth Forum")
    answer_purpose(page, check_accessible)
    answer_alternatives(page, check_accessible)
    page.get_by_role("button", name="Save and come back later").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name=re.compile("Answer the questions that decide")).click()
    # The questions are read only once the tier page has replaced the one before.
    page.wait_for_url(re.compile(r"/tier/"))
    expect(page.get_by_role("group").first).to_be_visible()
    for group in page.get_by_role("group").all():
        group.get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()
    check_page = page.url

    # Melton's Appendix B checklist comes first: the proposal cannot go without it.
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_role("link", name="Complete the Partnership Checklist").first.click()
    expect(page.get_by_label("Partnership Checklist")).to_be_checked()
    check_accessible(page)
    start_form(page)
    answer_every_section(page, check_accessible)
    expect(page.get_by_text("still to answer")).to_have_count(0)
    # Issue 11, item 5: no Submit of its own; it is signed off along the proposal's route.
    expect(page.get_by_role("heading", name="It goes with the proposal")).to_be_visible()
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    check_accessible(page)

    page.goto(check_page)
    expect(page.get_by_role("link", name="Complete the Partnership Checklist")).to_have_count(0)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted")).to_be_visible()
    check_accessible(page)
