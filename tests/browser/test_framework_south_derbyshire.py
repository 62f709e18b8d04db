"""South Derbyshire's whole framework in a real browser (issue 11): the Partnership Information
Form proposing a significant partnership with its sponsor, approved by the Head of Service, the
Head of Corporate Services, then SMT and Leading Members at their meetings; its Partnership
Agreement (Appendix 2) with an element covered by a document kept with the record; the annual
review with its Partnership Assessment (Appendix 3, compared with the one before) and its
evaluation checklist (Appendix 4), considered by SMT and Leading Members; then leaving,
decided at the level that agreed to join, and the partnership has ceased."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from approvals.models import Outcome, Route
from approvals.services import route_decide
from assessments.loader import load_forms
from assessments.models import CompletedForm
from partnerships.models import Partnership
from reviews.services import add_months, review_plan
from tests.browser.test_council_forms_journey import fill_section
from tests.browser.test_proposal_journey import answer_alternatives
from tests.factories import ServiceFactory, UserFactory
from tests.reviews.conftest import submitted_form
from tests.test_council_words import forbidden_words, found_in

from .steps import FRAMEWORK_JOURNEY, decide, propose_leaving, save_and_continue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = FRAMEWORK_JOURNEY

NAME = "Swadlincote Town Team"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SMT = "Senior Management Team (SMT)"


def unchecked(page):
    """For a page already checked in the same state earlier in the journey (another step's
    decision page of the same subject and kind)."""


def task(page, name):
    """Opens the task in the signed-in person's inbox."""
    page.get_by_role("link", name=name).click()


def write_in(page):
    """Each element of an agreement's page written in."""
    for written in page.locator("input[type=radio][value=written]").all():
        written.check()
    for box in page.locator("textarea").all():
        box.fill("As agreed by the partners at the first board.")


def submit_form(page, look, rating_position=0, fill=None):
    """The form's sections one after another, then check your answers and Submit."""
    while "/check/" not in page.url:
        look(page)
        (fill or (lambda page: fill_section(page, rating_position)))(page)
        leaving = page.url
        save_and_continue(page)
        page.wait_for_url(lambda url, leaving=leaving: url != leaving)
    expect(page.get_by_text("still to answer")).to_have_count(0)
    look(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    return page.url


def test_the_whole_framework_under_south_derbyshires_policy(
    page, live_server, sign_in, switch_to, check_accessible, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    policy_apply_preset("south-derbyshire")
    load_forms()
    service = ServiceFactory(name="Economic Development")
    officer = UserFactory(username="officer", role=Role.OFFICER, service=service)
    head = UserFactory(
        username="head", role=Role.HEAD_OF_SERVICE, service=service, first_name="Hana",
        last_name="Patel",
    )  # fmt: skip
    keeper = UserFactory(
        username="keeper", role=Role.REGISTER_KEEPER, job_title="Head of Corporate Services"
    )
    clerk = UserFactory(username="clerk", role=Role.CLERK)
    forbidden = forbidden_words("south-derbyshire")

    def look(page):
        """axe on the page, and none of the other councils' words on it (U1)."""
        check_accessible(page)
        text = page.locator("body").inner_text()
        assert not found_in(text, forbidden), (page.url, found_in(text, forbidden))

    # The officer completes the Partnership Information Form. Its question pages are checked
    # with axe under this preset by the proposal journey; here only the pages it does not
    # reach in this state are.
    sign_in(page, officer)
    page.goto(f"{live_server.url}/register/proposals/new/")
    expect(page.get_by_text("the questions of the Partnership Information Form")).to_be_visible()
    look(page)
    page.get_by_label("Name of the partnership").fill(NAME)
    page.get_by_label("Setting up a new partnership").check()
    page.get_by_label("Partnership", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and accountable body")
    page.get_by_label("What is the main purpose of the partnership?").fill(
        "To bring trade and visitors back to the town centre."
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
    look(page)
    page.get_by_role("link", name=re.compile("Answer the questions that decide")).click()
    page.wait_for_url(re.compile(r"/tier/"))
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("approved budgets")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("accountable body")).get_by_label("Yes").check()
    save_and_continue(page)
    expect(page.get_by_text("Leading Members").first).to_be_visible()
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted to Head of Service")).to_be_visible()
    look(page)
    proposal = page.url

    # The route of a significant partnership: Head of Service, Head of Corporate Services,
    # then SMT and Leading Members, whose decisions the clerk records from their minutes.
    switch_to(head)
    expect(page.get_by_role("link", name=re.compile(NAME))).to_be_visible()
    look(page)
    decide(page, look, proposal, comment="The service supports it.")
    switch_to(keeper)
    decide(page, look, proposal, comment="Include it in the register.")
    switch_to(clerk)
    decide(page, look, proposal, comment="SMT endorsed it.", minute="SMT/2026/41")
    expect(page.get_by_role("listitem").filter(has_text="Leading Members").first).to_contain_text(
        "Waiting for a decision"
    )
    decide(page, unchecked, proposal, comment="Leading Members agreed.", minute="LM/2026/12")
    expect(page.get_by_text("Meeting 3 November 2026, minute LM/2026/12")).to_be_visible()
    look(page)

    partnership = Partnership.objects.get(name=NAME)
    record = f"{live_server.url}{partnership.get_absolute_url()}"

    # Active: the officer keeps its constitution with the record, then completes the
    # Partnership Agreement as a supplement, its legal status covered by the constitution.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("Active", exact=True).first).to_be_visible()
    expect(page.get_by_text("Significant partnership").first).to_be_visible()
    look(page)
    page.goto(f"{record}documents/add/")
    look(page)
    page.get_by_label("Constitution", exact=True).check()
    page.get_by_label("Title").fill("Town Team constitution")
    page.get_by_label("Day").fill("1")
    page.get_by_label("Month").fill("10")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("Upload a file").set_input_files(
        {"name": "Constitution.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Add document").click()
    expect(page.get_by_text("Town Team constitution has been added")).to_be_visible()
    page.get_by_role("link", name="Complete a form").click()
    look(page)
    page.get_by_label("Partnership Agreement").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership Agreement")
    look(page)
    write_in(page)
    page.get_by_label("Partnership", exact=True).fill(NAME)
    legal_status = page.get_by_role("group", name="Legal Status", exact=True)
    legal_status.get_by_label("Covered by an attached document").check()
    page.locator("#id_q_1_4__document").select_option(label="Town Team constitution")
    page.locator("#id_q_1_4__reference").fill("Clause 2")
    page.locator("#id_q_1_4__text").fill("")
    save_and_continue(page)
    agreement = submit_form(page, look, fill=write_in)
    expect(page.get_by_role("link", name="Town Team constitution")).to_be_visible()
    expect(page.get_by_text("Reference: Clause 2")).to_be_visible()
    look(page)
    switch_to(head)
    task(page, f"Partnership Agreement: {NAME}")
    decide(page, look, agreement, comment="The supplement fills the gaps.")
    switch_to(keeper)
    decide(page, unchecked, agreement, comment="Kept with the register entry.")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    # A year on. The lead officer assessed the partnership soon after it joined (its pages
    # are the ones completed below); real time would have put a year between then and the
    # annual review, which the daily run plans from the day it entered the register.
    earlier = submitted_form(officer, partnership, "south-derbyshire-assessment")
    route = Route.objects.of(earlier, earlier.route_kind)
    for step, person in enumerate([head, keeper]):
        route_decide(route.pk, step, Outcome.APPROVED, "Agreed.", actor=person)
    now = timezone.now()
    CompletedForm.objects.filter(pk=earlier.pk).update(
        started_at=now - timedelta(days=330), submitted_at=now - timedelta(days=330)
    )
    Partnership.objects.filter(pk=partnership.pk).update(created_at=now - timedelta(days=360))
    review = review_plan(partnership)
    assert review.due <= timezone.localdate() + timedelta(days=30)

    # The annual review is in the officer's inbox; its assessment and evaluation first.
    switch_to(officer)
    task(page, f"Annual review: {NAME}")
    expect(page.get_by_role("heading", name="Annual review")).to_be_visible()
    look(page)
    page.get_by_role("link", name="Complete and submit the assessment").click()
    look(page)
    page.get_by_role("button", name="Start").click()
    # Every feature now rated 4, "Standard met", against 3 a year ago.
    assessment = submit_form(page, look, rating_position=3)
    compared = re.compile(r"Total 40 out of 40; the previous one .* scored 30")
    expect(page.get_by_text(compared)).to_be_visible()
    expect(page.get_by_text(re.compile("Previous assessment: 3")).first).to_be_visible()
    look(page)
    switch_to(head)
    task(page, f"Partnership Assessment: {NAME}")
    decide(page, unchecked, assessment, comment="A fair picture.")
    switch_to(keeper)
    decide(page, unchecked, assessment, comment="Received for reference.")

    switch_to(officer)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Complete and submit the evaluation report").click()
    page.get_by_role("button", name="Start").click()
    evaluation = submit_form(page, look)
    switch_to(keeper)
    task(page, f"Partnership Evaluation Checklist: {NAME}")
    decide(page, unchecked, evaluation, comment="Key findings received.")
    switch_to(clerk)
    decide(page, look, evaluation, comment="SMT noted it.", minute="SMT/2026/44")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    switch_to(officer)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.get_by_role("link", name="Complete the review").click()
    look(page)
    # The one made soon after joining counts too; the officer bases the review on today's.
    page.get_by_label(re.compile("Partnership Assessment, submitted .* scored 40")).check()
    page.get_by_label(re.compile("Partnership Evaluation Checklist, submitted")).check()
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("Still relevant and effective; the council stays in.")
    page.get_by_role("button", name="Complete the review").click()
    next_due = add_months(timezone.localdate(), 12)
    expect(
        page.get_by_text(f"The next annual review is due by {next_due:%-d %B %Y}")
    ).to_be_visible()
    look(page)

    # SMT, then Leading Members, consider the completed review; the clerk records both.
    switch_to(clerk)
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(page.get_by_text(f"Waiting for {SMT}")).to_be_visible()
    look(page)
    for committee, minute in [(SMT, "SMT/2026/50"), ("Leading Members", "LM/2026/20")]:
        page.get_by_role("button", name=f"Record the decision of {committee}").click()
        page.wait_for_url("**/decide/")
        if committee == SMT:
            look(page)
        page.get_by_label("Approve", exact=True).check()
        page.get_by_label("Comment").fill("Considered the annual review.")
        meeting = page.get_by_role("group", name="Date of the meeting")
        meeting.get_by_label("Day").fill("3")
        meeting.get_by_label("Month").fill("11")
        meeting.get_by_label("Year").fill("2026")
        page.get_by_label("Minute reference").fill(minute)
        page.get_by_role("button", name="Record the decision").click()
        expect(page.get_by_text("Your decision has been recorded")).to_be_visible()
        page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(
        page.get_by_text(f"Considered by {SMT} on 3 November 2026, minute SMT/2026/50")
    ).to_be_visible()
    expect(
        page.get_by_text("Considered by Leading Members on 3 November 2026, minute LM/2026/20")
    ).to_be_visible()
    look(page)

    # Leaving is decided at the level that agreed to join: the same four steps.
    switch_to(officer)
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    look(page)
    leaving = propose_leaving(
        page,
        look,
        {
            "Why should the council leave": "The town centre plan is delivered.",
            "Exit strategy": "Three months' notice to the Town Team board.",
            "What are the risks of leaving?": "Traders lose a forum; low.",
            "How will the council's responsibilities": "The traders take it on.",
            "How will services to residents continue": "No service depends on it.",
        },
        exit_year=2027,
    )
    switch_to(head)
    task(page, f"Leaving: {NAME}")
    decide(page, look, leaving, comment="The service agrees.")
    switch_to(keeper)
    decide(page, unchecked, leaving, comment="The register will show it as exiting.")
    switch_to(clerk)
    decide(page, look, leaving, comment="SMT agreed.", minute="SMT/2026/52")
    decide(page, unchecked, leaving, comment="Leading Members agreed.", minute="LM/2026/22")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    look(page)

    # Exiting: Appendix 4 again, now as the cessation evaluation, to the Head of Corporate
    # Services and SMT.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council is leaving this partnership")).to_be_visible()
    look(page)
    page.get_by_role("button", name="Complete the cessation evaluation").click()
    page.wait_for_url(lambda url: url != record)
    cessation = submit_form(page, unchecked)
    switch_to(keeper)
    decide(page, unchecked, cessation, comment="Lessons received.")
    switch_to(clerk)
    decide(page, unchecked, cessation, comment="SMT noted the lessons.", minute="SMT/2026/60")

    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    expect(page.get_by_text("Ceased", exact=True).first).to_be_visible()
    look(page)
    partnership.refresh_from_db()
    assert partnership.status == "ceased"
