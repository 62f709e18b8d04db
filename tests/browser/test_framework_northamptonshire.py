"""Northamptonshire County Council's Partnership Protocol (seed 002), walked whole in a real
browser by its own people: an officer proposes a significant partnership with its sponsoring
officer, the significant-partnership test (section 3(a)) and the approval checklist (Annex 2);
the Head of Service / Director evaluates it and the clerk records CMT's approval; the officer
completes the Information Sharing Protocol, succession strategies and Partnership
Communications Agreement (section 4(e)-(g)), each signed off by the Head of Service and the
Head of Policy; the annual review falls due and is completed; the officer representative's
annual report goes to CMT (5(b)); then the council leaves, the cessation evaluation goes to
CMT and the partnership has ceased."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.inbox import refresh_due_tasks
from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from reviews.models import Review
from reviews.services import reviews_plan_all
from tests.browser.test_council_forms_journey import answer_every_section, start_form
from tests.browser.test_proposal_journey import answer_alternatives, start
from tests.factories import ServiceFactory, UserFactory
from tests.test_council_words import forbidden_words, found_in

from .steps import FRAMEWORK_JOURNEY, decide

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = FRAMEWORK_JOURNEY

NAME = "Corby Skills Partnership"
CMT = "Corporate Management Team (CMT)"


@pytest.fixture
def people(transactional_db):
    load_forms()
    service = ServiceFactory(name="Children's Services")
    make = lambda username, role, **kw: UserFactory(username=username, role=role, **kw)  # noqa: E731
    return {
        "officer": make("officer", Role.OFFICER, service=service, first_name="Sam",
                        last_name="Patel"),
        "head": make("head", Role.HEAD_OF_SERVICE, service=service, first_name="Hana",
                     last_name="Okafor", job_title="Director of Children's Services"),
        "keeper": make("keeper", Role.REGISTER_KEEPER, job_title="Head of Policy"),
        "clerk": make("clerk", Role.CLERK),
    }  # fmt: skip


def no_other_councils_words(page):
    """None of the other presets' own words, nor their places, on the page (U1)."""
    text = page.locator("body").inner_text()
    assert found_in(text, forbidden_words("northamptonshire")) == []


def sign_off(page, check_accessible, address, person, switch_to, comment):
    switch_to(person)
    page.goto(address)
    page.get_by_role("link", name="Decide").click()
    page.wait_for_url("**/decide/")
    check_accessible(page)
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def record_cmt(page, check_accessible, button, comment, minute):
    """The clerk records CMT's decision from its meeting on 3 November 2026."""
    page.get_by_role("button", name=button).or_(page.get_by_role("link", name=button)).click()
    page.wait_for_url("**/decide/")
    check_accessible(page)
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Comment").fill(comment)
    meeting = page.get_by_role("group", name="Date of the meeting")
    meeting.get_by_label("Day").fill("3")
    meeting.get_by_label("Month").fill("11")
    meeting.get_by_label("Year").fill("2026")
    page.get_by_label("Minute reference").fill(minute)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def complete_agreement_form(page, check_accessible, record, title):
    page.goto(record)
    page.get_by_role("link", name="Complete a form").click()
    page.get_by_label(title).check()
    start_form(page)
    answer_every_section(page, check_accessible)
    check_accessible(page)
    expect(page.get_by_text("still to answer")).to_have_count(0)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    return page.url


def test_the_whole_northamptonshire_framework(
    page, live_server, sign_in, switch_to, check_accessible, people
):
    policy_apply_preset("northamptonshire")
    officer, head, keeper, clerk = (people[k] for k in ("officer", "head", "keeper", "clerk"))

    # The officer proposes it, naming the Director as its sponsoring officer. The start,
    # purpose and alternatives pages are checked here; the pages an officer may leave to the
    # check-your-answers page are checked under this preset in the proposal journey.
    sign_in(page, officer)
    start(page, live_server, check_accessible, NAME)
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and accountable body")
    check_accessible(page)
    page.get_by_label("What is the main purpose of the partnership?").fill(
        "To raise the skills of young people in Corby with the college and employers."
    )
    page.get_by_label("The council is the accountable body").check()
    page.get_by_label("Sponsoring officer").select_option(label=head.display_name)
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    formed = page.get_by_role("group", name="Date formed")
    formed.get_by_label("Day").fill("1")
    formed.get_by_label("Month").fill("4")
    formed.get_by_label("Year").fill("2027")
    page.get_by_role("button", name="Save and continue").click()
    answer_alternatives(page, check_accessible)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()
    # The proposal's page and its check-your-answers page are checked in the proposal
    # journey under this preset, in this state.
    page.get_by_role("button", name="Continue").click()

    # Section 3(a): the significant-partnership test.
    page.get_by_role("link", name=re.compile("Answer the questions that decide")).click()
    page.wait_for_url(re.compile(r"/tier/"))
    expect(page.get_by_text("Does it assist the Council and partners to identify")).to_be_visible()
    check_accessible(page)
    groups = page.get_by_role("group").all()
    for index, group in enumerate(groups):
        group.get_by_label("Yes" if index == 1 else "No").check()
    page.get_by_role("button", name="Save and continue").click()
    check_page = page.url
    expect(page.get_by_text("Significant partnership").first).to_be_visible()
    expect(page.get_by_text(CMT).first).to_be_visible()
    check_accessible(page)
    no_other_councils_words(page)

    # Annex 2: the approval checklist, completed section by section.
    page.get_by_role("link", name=re.compile("Complete the Partnership Protocol")).first.click()
    check_accessible(page)
    start_form(page)
    answer_every_section(page, check_accessible)
    expect(page.get_by_role("heading", name="It goes with the proposal")).to_be_visible()
    check_accessible(page)
    page.goto(check_page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted")).to_be_visible()
    check_accessible(page)
    proposal = page.url

    # The Head of Service / Director evaluates it with the checklist; CMT approves it.
    switch_to(head)
    decide(page, check_accessible, proposal, "Approve", "The checklist is complete.")
    switch_to(clerk)
    decide(page, check_accessible, proposal, "Approve", "Approved by CMT.", minute="CMT/2026/40")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    check_accessible(page)

    # Active on the partnerships database, with its sponsoring officer.
    switch_to(officer)
    page.goto(f"{live_server.url}/register/")
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("Significant partnership")
    check_accessible(page)
    row.get_by_role("link", name=NAME).click()
    record = page.url
    expect(page.get_by_text(head.display_name).first).to_be_visible()
    check_accessible(page)
    no_other_councils_words(page)

    # Section 4(e)-(g): the forms a partnership keeps while it runs, each signed off by the
    # Head of Service / Director and the Head of Policy along the assessment route.
    for title in (
        "Information Sharing Protocol",
        "Succession strategies",
        "Partnership Communications Agreement",
    ):
        switch_to(officer)
        address = complete_agreement_form(page, check_accessible, record, title)
        sign_off(page, check_accessible, address, head, switch_to, "Agreed by the service.")
        sign_off(page, check_accessible, address, keeper, switch_to, "Kept with the record.")
        expect(page.get_by_text("Signed off", exact=True)).to_be_visible()
    check_accessible(page)

    # The officer sits on the partnership as the council's officer representative.
    switch_to(officer)
    page.goto(record)
    page.get_by_role("link", name="Add a representative").click()
    check_accessible(page)
    page.get_by_label("Name", exact=True).fill(officer.display_name)
    page.get_by_label("Their account in the portal (optional)").select_option(
        label=officer.display_name
    )
    page.get_by_label("Officer", exact=True).check()
    page.get_by_label("Representative", exact=True).check()
    started = page.get_by_role("group", name="Date started")
    started.get_by_label("Day").fill("1")
    started.get_by_label("Month").fill("1")
    started.get_by_label("Year").fill(str(timezone.localdate().year))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name=officer.display_name).first).to_be_visible()

    # The annual review: the daily run plans it a year on; a year passing is stood in for by
    # bringing its due date to next week, which real time would have done, and the daily run
    # opening the tasks a new day gives.
    reviews_plan_all()
    Review.objects.filter(partnership__name=NAME).update(
        due=timezone.localdate() + timedelta(days=7)
    )
    refresh_due_tasks()
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name=f"Annual report to CMT: {NAME}")).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name=f"Annual report to CMT: {NAME}").click()
    check_accessible(page)
    page.get_by_role("button", name="Complete the review").or_(
        page.get_by_role("link", name="Complete the review")
    ).first.click()
    check_accessible(page)
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("Still focussed on its purpose and relevant.")
    page.get_by_role("button", name="Complete the review").click()
    expect(page.get_by_text("Review completed")).to_be_visible()

    # 5(b): the officer representative's annual report to CMT.
    page.get_by_role("button", name=re.compile("Write the annual report")).click()
    check_accessible(page)
    page.get_by_label("Partnership achievement against targets/ outcomes").fill(
        "Outcome 1, young people in education, employment or training: met, 94% against 93%."
    )
    page.get_by_role("button", name="Save as a draft").click()
    check_accessible(page)
    page.get_by_role("button", name=f"Send it to {CMT}").click()
    expect(page.get_by_text(f"Waiting for {CMT}").first).to_be_visible()
    check_accessible(page)
    switch_to(clerk)
    page.get_by_role(
        "link", name=re.compile(f"Officer representative's annual report .*{NAME}")
    ).click()
    record_cmt(page, check_accessible, f"Record the decision of {CMT}", "Noted.", "CMT/2026/52")
    expect(
        page.get_by_text(f"Considered by {CMT} on 3 November 2026, minute CMT/2026/52").first
    ).to_be_visible()
    check_accessible(page)

    # Leaving: decided at the level that agreed to join, the Director then CMT.
    switch_to(officer)
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    check_accessible(page)
    page.get_by_label("Why should the council leave").fill("The college now runs it alone.")
    page.get_by_label("What are the risks of leaving?").fill("Little influence lost.")
    page.get_by_label("How will the council's responsibilities").fill("None remain.")
    page.get_by_label("How will services to residents continue").fill("Through the college.")
    exit_date = page.get_by_role("group", name="Proposed exit date")
    exit_date.get_by_label("Day").fill("31")
    exit_date.get_by_label("Month").fill("3")
    exit_date.get_by_label("Year").fill(str(timezone.localdate().year + 1))
    page.get_by_role("button", name="Send for a decision").click()
    # The proposal named no exit strategy, so leaving asks for one.
    expect(page.get_by_role("link", name="Enter the exit strategy")).to_be_visible()
    check_accessible(page)
    page.get_by_label("Exit strategy").fill("Three months' notice to the board; the college leads.")
    page.get_by_role("button", name="Send for a decision").click()
    expect(page.get_by_text("Your proposal to leave has been sent for a decision")).to_be_visible()
    check_accessible(page)
    leaving = page.url
    switch_to(head)
    decide(page, check_accessible, leaving, "Approve", "The service agrees.")
    switch_to(clerk)
    decide(page, check_accessible, leaving, "Approve", "CMT agrees.", minute="CMT/2027/3")

    # The cessation evaluation, to the Director and then CMT; then it has ceased.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council is leaving this partnership")).to_be_visible()
    check_accessible(page)
    page.get_by_role("button", name="Complete the cessation evaluation").click()
    page.wait_for_url(lambda url: url != record)
    answer_every_section(page, check_accessible)
    check_accessible(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    evaluation = page.url
    sign_off(page, check_accessible, evaluation, head, switch_to, "Lessons noted.")
    switch_to(clerk)
    decide(page, check_accessible, evaluation, "Approve", "CMT noted it.", minute="CMT/2027/9")

    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    expect(page.get_by_text("Ceased").first).to_be_visible()
    check_accessible(page)
    no_other_councils_words(page)
