"""Proposing a partnership and taking it along its approval route, in a real browser (P1-P5)."""

import re

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.services import form_save_answers, form_start
from proposals.models import Proposal
from tests.approvals.conftest import answer_everything
from tests.factories import ServiceFactory, StrategicObjectiveFactory, UserFactory
from tests.pdf import pdf_text, words

from .steps import decide, save_and_continue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "proposing a partnership and taking it through its approval route"


@pytest.fixture
def people(transactional_db):
    """One person for each role, the Head of Service in the proposer's service."""
    service = ServiceFactory(name="Community Safety")
    make = lambda username, role, **kw: UserFactory(username=username, role=role, **kw)  # noqa: E731
    return {
        "officer": make("officer", Role.OFFICER, service=service, first_name="Sam"),
        "head": make("head", Role.HEAD_OF_SERVICE, service=service, first_name="Hana"),
        "keeper": make("keeper", Role.REGISTER_KEEPER),
        # Northamptonshire's delegated approval is taken by the holder of a named post.
        "smt": make("smt", Role.SMT, job_title="Assistant Chief Executive"),
        "clerk": make("clerk", Role.CLERK),
    }


def start(page, live_server, check_accessible, name):
    page.goto(f"{live_server.url}/register/proposals/new/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Propose a partnership")
    check_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the name of the partnership")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Name of the partnership").fill(name)
    page.get_by_label("Setting up a new partnership").check()
    page.get_by_label("Partnership", exact=True).check()
    expect(page.get_by_label("Lead service")).to_have_value(re.compile(r"\d+"))
    page.get_by_role("button", name="Continue").click()


def answer_purpose(page, check_accessible):
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and accountable body")
    check_accessible(page)
    page.get_by_label("What is the main purpose of the partnership?").fill(
        "To bring trade and visitors back to Swadlincote town centre."
    )
    page.get_by_label("The council is the accountable body").check()
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    formed = page.get_by_role("group", name="Date formed")
    formed.get_by_label("Day").fill("1")
    formed.get_by_label("Month").fill("4")
    formed.get_by_label("Year").fill("2027")
    save_and_continue(page)


def answer_alternatives(page, check_accessible):
    expect(page.get_by_role("heading", level=1)).to_have_text("Alternatives considered")
    check_accessible(page)
    page.get_by_label("Could an existing partnership do this?").fill("None covers the town.")
    page.get_by_label("Would consulting others").fill("Traders need a share in the decisions.")
    page.get_by_label("Would a contract be better?").fill("There is nothing to buy.")
    save_and_continue(page)


def test_an_officer_proposes_a_significant_partnership_which_is_returned_then_approved(
    page, live_server, sign_in, switch_to, check_accessible, people
):
    policy_apply_preset("south-derbyshire")
    StrategicObjectiveFactory(name="Vibrant town centres")
    sign_in(page, people["officer"])

    start(page, live_server, check_accessible, "Swadlincote Town Team")
    answer_purpose(page, check_accessible)
    answer_alternatives(page, check_accessible)

    # Partner organisations: added and removed on the page itself.
    expect(page.get_by_role("heading", level=1)).to_have_text("Partner organisations")
    check_accessible(page)
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("link", name="Enter the name of the organisation")).to_be_visible()
    check_accessible(page)
    for name, sector in [
        ("Derbyshire Constabulary", "Public"),
        ("Swadlincote Market Traders", "Private"),
    ]:
        page.get_by_label("Name of the organisation").fill(name)
        page.get_by_label(sector, exact=True).check()
        page.get_by_role("group", name="Has it agreed to take part?").get_by_label("Yes").check()
        page.get_by_role("button", name="Add the organisation").click()
        expect(page.get_by_role("cell", name=name, exact=True)).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Remove Swadlincote Market Traders").click()
    expect(page.get_by_text("Removed: Swadlincote Market Traders")).to_be_visible()
    expect(page.get_by_role("cell", name="Swadlincote Market Traders")).to_have_count(0)
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("The council's strategic objectives")
    check_accessible(page)
    page.get_by_label("Vibrant town centres").check()
    page.get_by_label("How will it contribute to them?").fill("More visitors to the town.")
    save_and_continue(page)

    # Resources: what is typed is added by Save and continue too.
    expect(page.get_by_role("heading", level=1)).to_have_text("Council resources")
    check_accessible(page)
    page.get_by_label("Financial year").fill("2026/27")
    page.get_by_label("Funding", exact=True).check()
    page.get_by_label("Amount in pounds (optional)").fill("5000")
    page.get_by_label("No, additional funds are needed").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    check_accessible(page)
    page.get_by_label("Where is it likely to meet?").fill("Civic Offices, Swadlincote")
    page.get_by_label("How often is it likely to meet?").fill("Every quarter")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Risks to the council")
    check_accessible(page)
    # A risk half typed is kept as it was by "Save and come back later", not refused.
    risks = page.url
    page.get_by_label("Describe the risk to the council").fill("Traders lose interest.")
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()
    page.goto(risks)
    expect(page.get_by_label("Describe the risk to the council")).to_have_value(
        "Traders lose interest."
    )
    expect(page.get_by_text("It has not been added yet")).to_be_visible()
    check_accessible(page)
    page.get_by_label("3: Likely").check()
    page.get_by_label("2: Moderate").check()
    page.get_by_label("Risk owner").fill("Head of Community Safety")
    page.get_by_role("button", name="Add the risk").click()
    expect(page.get_by_text("6, Medium (3 × 2)")).to_be_visible()
    check_accessible(page)
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership agreement")
    check_accessible(page)
    page.get_by_role("group", name=re.compile("partnership agreement")).get_by_label("Yes").check()
    save_and_continue(page)
    expect(page.get_by_role("link", name="Describe the partnership agreement")).to_be_visible()
    check_accessible(page)
    page.get_by_label("If it does, describe the agreement").fill("Terms of reference.")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Is it a significant partnership?")
    check_accessible(page)
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("approved budgets")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("accountable body")).get_by_label("Yes").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Authority for the council's representatives"
    )
    check_accessible(page)
    page.get_by_role("group", name=re.compile("authority beyond")).get_by_label("No").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Additional information")
    check_accessible(page)
    page.get_by_label("Is there anything else").fill("The traders asked for it.")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting the proposal"
    )
    expect(page.get_by_text("Still to answer")).to_have_count(0)
    expect(page.get_by_text("Leading Members")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted to Head of Service")).to_be_visible()
    check_accessible(page)
    address = page.url

    # The Head of Service returns it with a comment.
    switch_to(people["head"])
    decide(page, check_accessible, address, "Return for changes", "Say where it will meet.")

    # The officer sees why, changes the answer and sends it again.
    switch_to(people["officer"])
    page.goto(address)
    expect(page.get_by_text("Say where it will meet.").first).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Say where it will meet.").first).to_be_visible()
    page.get_by_role("link", name="Change meetings").click()
    page.get_by_label("Where is it likely to meet?").fill("Swadlincote Market Hall")
    save_and_continue(page)
    expect(page.get_by_text("Swadlincote Market Hall")).to_be_visible()
    page.get_by_role("button", name="Resubmit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted")).to_be_visible()

    # Head of Service, Head of Corporate Services, then SMT and Leading Members at meetings.
    switch_to(people["head"])
    decide(page, check_accessible, address, "Approve", "The venue is agreed.")
    switch_to(people["keeper"])
    decide(page, check_accessible, address, "Approve", "Add it to the register.")
    switch_to(people["clerk"])
    decide(page, check_accessible, address, "Approve", "Endorsed by SMT.", minute="SMT/2026/41")
    decide(page, check_accessible, address, "Approve", "Agreed.", minute="LM/2026/12")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    expect(page.get_by_text("Meeting 3 November 2026, minute LM/2026/12")).to_be_visible()
    check_accessible(page)

    # The PDF a committee paper can carry shows the whole trail, the return included.
    pdf_link = page.get_by_role("link", name="Download the proposal as a PDF")
    pdf = page.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert pdf.headers["content-type"] == "application/pdf"
    trail = words(pdf_text(pdf.body()))
    for expected in [
        "Swadlincote Town Team",
        "Say where it will meet.",
        "The venue is agreed.",
        "Endorsed by SMT.",
        "SMT/2026/41",
        "LM/2026/12",
        people["head"].display_name,
        people["clerk"].display_name,
    ]:
        assert expected in trail, expected

    page.goto(f"{live_server.url}/register/")
    row = page.get_by_role("row").filter(has_text="Swadlincote Town Team")
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("Significant partnership")


def test_a_standard_proposal_ends_at_the_delegated_approval(
    page, live_server, sign_in, switch_to, check_accessible, people
):
    policy_apply_preset("northamptonshire")
    load_forms()
    sign_in(page, people["officer"])

    start(page, live_server, check_accessible, "Corby Youth Forum")
    answer_purpose(page, check_accessible)
    answer_alternatives(page, check_accessible)

    # Left for later, then picked up from the proposal's page.
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Continue").click()
    check_accessible(page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name=re.compile("Answer the questions that decide")).click()
    # The questions are read only once the tier page has replaced the one before.
    page.wait_for_url(re.compile(r"/tier/"))
    expect(page.get_by_role("group").first).to_be_visible()
    for group in page.get_by_role("group").all():
        group.get_by_label("No").check()
    save_and_continue(page)
    expect(
        page.get_by_text("Assistant Chief Executive or Director (delegated approval)")
    ).to_be_visible()
    # P2: Northamptonshire's approval checklist comes first. Its 35 questions are answered
    # here through the services; the pages that ask them are tested in the assessment journey.
    checklist_link = page.get_by_role("link", name=re.compile("Complete the Partnership Protocol"))
    expect(checklist_link.first).to_be_visible()
    proposal = Proposal.objects.get(partnership__name="Corby Youth Forum")
    checklist = form_start(
        proposal.partnership, "northamptonshire-approval-checklist", actor=people["officer"]
    )
    form_save_answers(checklist.pk, answer_everything(checklist), actor=people["officer"])
    page.reload()
    page.get_by_role("button", name="Submit the proposal").click()
    address = page.url

    switch_to(people["head"])
    decide(page, check_accessible, address, "Approve", "Checklist complete.")
    expect(
        page.get_by_role("listitem").filter(
            has_text="Assistant Chief Executive or Director (delegated approval)"
        )
    ).to_contain_text("Waiting for a decision")
    switch_to(people["smt"])
    decide(page, check_accessible, address, "Approve", "Approved under delegation.")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    check_accessible(page)

    page.goto(f"{live_server.url}/register/")
    expect(page.get_by_role("row").filter(has_text="Corby Youth Forum")).to_contain_text("Active")
