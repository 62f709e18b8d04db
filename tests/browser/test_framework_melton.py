"""Melton's whole framework in a real browser (issue 11): a partnership proposal with its
sponsor and the Appendix B Partnership Checklist, approved by the Head of Service then
Management Team at its meeting; the Partnership Evaluation Toolkit (Appendix C) on its
three-year cycle, approved by the Head of Service and taken to Management Team; the review that
follows it reported to the Policy, Finance and Administration Committee; then leaving, decided
as joining was, and the partnership has ceased."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from partnerships.models import Partnership
from proposals.models import Proposal
from reviews.services import add_months, review_plan
from tests.browser.test_council_forms_journey import fill_section, start_form
from tests.browser.test_proposal_journey import answer_alternatives
from tests.factories import ServiceFactory, UserFactory
from tests.test_council_words import forbidden_words, found_in

from .steps import FRAMEWORK_JOURNEY, decide, propose_leaving, save_and_continue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = FRAMEWORK_JOURNEY

NAME = "Melton Town Centre Partnership"
MT = "Management Team"
PFA = "Policy, Finance and Administration Committee"


def unchecked(page):
    """For a page already checked in the same state earlier in the journey (another step's
    decision page of the same subject and kind), or, for the proposal's question pages, by
    the council forms journey under this preset."""


def answer_sections(page, look, rating_position=0):
    """The form's sections one after another, up to check your answers."""
    while "/check/" not in page.url:
        look(page)
        fill_section(page, rating_position)
        leaving = page.url
        save_and_continue(page)
        page.wait_for_url(lambda url, leaving=leaving: url != leaving)
    expect(page.get_by_text("still to answer")).to_have_count(0)


def submit_form(page, look, rating_position=0):
    answer_sections(page, look, rating_position)
    look(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    return page.url


def test_the_whole_framework_under_meltons_policy(
    page, live_server, sign_in, switch_to, check_accessible
):
    policy_apply_preset("melton")
    load_forms()
    service = ServiceFactory(name="Regeneration")
    officer = UserFactory(username="officer", role=Role.OFFICER, service=service)
    head = UserFactory(
        username="head", role=Role.HEAD_OF_SERVICE, service=service, first_name="Hana",
        last_name="Patel",
    )  # fmt: skip
    clerk = UserFactory(username="clerk", role=Role.CLERK)
    forbidden = forbidden_words("melton")

    def look(page):
        """axe on the page, and none of the other councils' words on it (U1)."""
        check_accessible(page)
        text = page.locator("body").inner_text()
        assert not found_in(text, forbidden), (page.url, found_in(text, forbidden))

    # The Lead Officer proposes it. The start, purpose and alternatives pages are checked with
    # axe under this preset by the council forms journey.
    sign_in(page, officer)
    page.goto(f"{live_server.url}/register/proposals/new/")
    expect(page.get_by_text("the questions of the partnership proposal")).to_be_visible()
    page.get_by_label("Name of the partnership").fill(NAME)
    page.get_by_label("Setting up a new partnership").check()
    page.get_by_label("Partnership", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and accountable body")
    page.get_by_label("What is the main purpose of the partnership?").fill(
        "To bring shoppers and visitors back to the town centre."
    )
    page.get_by_label("The council is the accountable body").check()
    page.get_by_label("Sponsoring officer").select_option(label=head.display_name)
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    save_and_continue(page)
    answer_alternatives(page, unchecked)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("Your answers have been saved")).to_be_visible()
    look(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    checklist = page.get_by_role("link", name="Complete the Partnership Checklist")
    expect(checklist.first).to_be_visible()
    look(page)
    page.get_by_role("link", name=re.compile("Answer the questions that decide")).click()
    page.wait_for_url(re.compile(r"/tier/"))
    look(page)
    for group in page.get_by_role("group").all():
        group.get_by_label("No").check()
    save_and_continue(page)
    check_page = f"{live_server.url}/register/proposals/{Proposal.objects.get().pk}/check/"

    # Appendix B: the checklist is completed before the partnership is entered into; it goes
    # with the proposal, signed off along the proposal's route.
    page.goto(check_page)
    page.get_by_role("link", name="Complete the Partnership Checklist").first.click()
    expect(page.get_by_label("Partnership Checklist")).to_be_checked()
    look(page)
    start_form(page)
    answer_sections(page, look)
    expect(page.get_by_role("heading", name="It goes with the proposal")).to_be_visible()
    look(page)
    page.goto(check_page)
    expect(page.get_by_text("Other partnership").first).to_be_visible()
    look(page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted to Head of Service")).to_be_visible()
    look(page)
    proposal = page.url

    # The Head of Service, then Management Team, whose decision Democratic Services records.
    switch_to(head)
    expect(page.get_by_role("link", name=re.compile(NAME))).to_be_visible()
    look(page)
    decide(page, look, proposal, comment="The service supports it.")
    switch_to(clerk)
    decide(page, look, proposal, comment="Management Team agreed.", minute="MT/2026/30")
    expect(page.get_by_text("Meeting 3 November 2026, minute MT/2026/30")).to_be_visible()
    look(page)

    partnership = Partnership.objects.get(name=NAME)
    record = f"{live_server.url}{partnership.get_absolute_url()}"
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("Active", exact=True).first).to_be_visible()
    look(page)

    # Three years on: "Partnerships are to be evaluated on a 3 year cycle". Real time would
    # have passed; the daily run plans the evaluation three years from the day it joined.
    joined = timezone.now() - timedelta(days=3 * 365 - 10)
    Partnership.objects.filter(pk=partnership.pk).update(created_at=joined)
    review = review_plan(partnership)
    assert review.label == "Three-yearly evaluation"
    assert review.due == add_months(timezone.localdate(joined), 36)

    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=f"Three-yearly evaluation: {NAME}").click()
    expect(page.get_by_role("heading", name="Three-yearly evaluation")).to_be_visible()
    look(page)
    page.get_by_role("link", name="Complete and submit the assessment").click()
    expect(page.get_by_label("Partnership Evaluation Toolkit")).to_be_checked()
    look(page)
    start_form(page)
    toolkit = submit_form(page, look, rating_position=3)
    expect(page.get_by_text(re.compile(r"Total \d+ out of 135"))).to_be_visible()
    look(page)

    # Appendix C: the Head of Service approves it; it is taken to Management Team.
    switch_to(head)
    page.get_by_role("link", name=f"Partnership Evaluation Toolkit: {NAME}").click()
    decide(page, look, toolkit, comment="A fair evaluation.")
    switch_to(clerk)
    decide(page, look, toolkit, comment="Management Team noted it.", minute="MT/2026/41")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    # The review follows the evaluation, and is reported to the committee.
    switch_to(officer)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Complete the review").click()
    look(page)
    page.get_by_label(re.compile("Partnership Evaluation Toolkit, submitted")).check()
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("Still relevant: the council stays in.")
    page.get_by_role("button", name="Complete the review").click()
    next_due = add_months(timezone.localdate(), 36)
    expect(
        page.get_by_text(f"The next three-yearly evaluation is due by {next_due:%-d %B %Y}")
    ).to_be_visible()
    look(page)

    switch_to(clerk)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(page.get_by_text(f"Waiting for {PFA}")).to_be_visible()
    look(page)
    page.get_by_role("button", name=f"Record the decision of {PFA}").click()
    page.wait_for_url("**/decide/")
    look(page)
    page.get_by_label("Approve", exact=True).check()
    page.get_by_label("Comment").fill("The committee noted the review.")
    meeting = page.get_by_role("group", name="Date of the meeting")
    meeting.get_by_label("Day").fill("3")
    meeting.get_by_label("Month").fill("11")
    meeting.get_by_label("Year").fill("2026")
    page.get_by_label("Minute reference").fill("PFA/2026/18")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(
        page.get_by_text(f"Considered by {PFA} on 3 November 2026, minute PFA/2026/18")
    ).to_be_visible()
    look(page)

    # Leaving: the Head of Service, then Management Team.
    switch_to(officer)
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    look(page)
    leaving = propose_leaving(
        page,
        look,
        {
            "Exit strategy": "Three months' notice to the partnership board.",
            "Why should the council leave": "The town centre plan is delivered.",
            "What are the risks of leaving?": "Traders lose a forum; low.",
            "How will the council's responsibilities": "The traders take it on.",
            "How will services to residents continue": "No service depends on it.",
        },
        exit_year=2027,
    )
    switch_to(head)
    page.get_by_role("link", name=f"Leaving: {NAME}").click()
    decide(page, look, leaving, comment="The service agrees.")
    switch_to(clerk)
    decide(page, look, leaving, comment="Management Team agreed.", minute="MT/2026/52")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    look(page)

    # Exiting: the cessation evaluation, to the Head of Service and Management Team.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council is leaving this partnership")).to_be_visible()
    look(page)
    page.get_by_role("button", name="Complete the cessation evaluation").click()
    page.wait_for_url(lambda url: url != record)
    cessation = submit_form(page, look)
    switch_to(head)
    decide(page, look, cessation, comment="Lessons received.")
    switch_to(clerk)
    decide(page, unchecked, cessation, comment="Management Team noted it.", minute="MT/2026/60")

    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    expect(page.get_by_text("Ceased", exact=True).first).to_be_visible()
    look(page)
    partnership.refresh_from_db()
    assert partnership.status == "ceased"
