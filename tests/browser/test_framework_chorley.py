"""Chorley Council's Key Partnerships Framework (003), walked whole in a real browser: a new
key partnership proposed with the six key-partnership criteria and its report to Executive
Cabinet, approved by the Head of Service, Policy and Communications and Executive Cabinet
(recorded by Democratic Services); the memorandum of understanding asked for in the lead
officer's inbox and approved by the Head of Governance; the bi-annual report to Executive
Cabinet on the key partnerships marked for additional monitoring; the three-yearly review
with its two questions; and leaving, decided as joining was, until the partnership has
ceased."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from partnerships.models import Partnership
from reviews.models import Review
from reviews.services import review_plan
from tests.browser.test_council_forms_journey import answer_every_section, start_form
from tests.browser.test_proposal_journey import answer_alternatives, start
from tests.factories import ServiceFactory, StrategicObjectiveFactory, UserFactory
from tests.pdf import words
from tests.test_council_words import forbidden_words, found_in

from .steps import FRAMEWORK_JOURNEY, decide, propose_leaving, save_and_continue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = FRAMEWORK_JOURNEY

NAME = "Chorley Leisure Partnership"


LEISURE = {
    "purpose": "To run the borough's leisure centres with a leisure trust.",
    "partner": "Active Nation",
    "objective": "Clean, safe and healthy communities",
    "contribution": "Leisure centres open to all.",
    "place": "Chorley Town Hall",
    "risk": "Energy costs exceed the contract.",
    "risk_owner": "Director of Customer and Digital",
}


@pytest.fixture
def people(transactional_db):
    policy_apply_preset("chorley")
    load_forms()
    StrategicObjectiveFactory(name="Clean, safe and healthy communities")
    service = ServiceFactory(name="Streetscene and Leisure Contracts")
    make = lambda username, role, **kw: UserFactory(username=username, role=role, **kw)  # noqa: E731
    return {
        "officer": make("officer", Role.OFFICER, service=service, first_name="Sam"),
        "head": make("head", Role.HEAD_OF_SERVICE, service=service, first_name="Hana"),
        "keeper": make("keeper", Role.REGISTER_KEEPER, first_name="Priya"),
        "clerk": make("clerk", Role.CLERK, first_name="Dev"),
        # The memorandum of understanding is approved by the holder of this post alone.
        "governance": make("governance", Role.SMT, job_title="Head of Governance"),
    }


def checker(check_accessible, preset):
    """axe on the page, and none of the other councils' words on it (U1)."""
    forbidden = forbidden_words(preset)

    def run(page):
        check_accessible(page)
        assert found_in(words(page.locator("body").inner_text()), forbidden) == []

    return run


@pytest.fixture
def check(check_accessible, people):
    return checker(check_accessible, "chorley")


def test_a_key_partnership_goes_through_chorleys_whole_framework(
    page, live_server, sign_in, switch_to, check, people
):
    officer = people["officer"]
    sign_in(page, officer)

    answer_the_proposal(page, live_server, check, NAME, LEISURE)

    # The six factors that make a partnership one of Chorley's key partnerships.
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it a key partnership?")
    check(page)
    groups = page.get_by_role("group")
    expect(groups).to_have_count(6)
    for group in groups.all():
        group.get_by_label("No").check()
    page.get_by_role("group", name=re.compile("rely on its partners")).get_by_label("Yes").check()
    page.get_by_role("group", name=re.compile("financial value")).get_by_label("Yes").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Authority for the council's representatives"
    )
    check(page)
    page.get_by_role("group", name=re.compile("authority beyond")).get_by_label("No").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Additional information")
    check(page)
    save_and_continue(page)

    # A key partnership goes to Executive Cabinet with its report: it cannot go without it.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting the proposal"
    )
    expect(page.get_by_text("Key partnership", exact=True).first).to_be_visible()
    expect(page.get_by_text("Executive Cabinet").first).to_be_visible()
    check(page)
    check_page = page.url
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    report = "Report to Executive Cabinet: new key partnership"
    page.get_by_role("link", name=f"Complete the {report}").first.click()
    expect(page.get_by_label(report)).to_be_checked()
    check(page)
    start_form(page)
    answer_every_section(page, check)
    expect(page.get_by_role("heading", name="It goes with the proposal")).to_be_visible()
    check(page)
    page.goto(check_page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted to Head of Service")).to_be_visible()
    check(page)
    proposal = page.url

    # Head of Service, Policy and Communications, then Executive Cabinet at its meeting.
    switch_to(people["head"])
    expect(page.get_by_role("link", name=re.compile(NAME)).first).to_be_visible()
    check(page)
    decide(page, check, proposal, comment="The service will lead it.")
    switch_to(people["keeper"])
    decide(page, check, proposal, comment="Add it to the key partnerships list.")
    switch_to(people["clerk"])
    decide(page, check, proposal, comment="Approved by Executive Cabinet.", minute="EC/2026/40")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    expect(page.get_by_text("Meeting 3 November 2026, minute EC/2026/40")).to_be_visible()
    check(page)
    partnership = Partnership.objects.get(name=NAME)
    record = f"{live_server.url}{partnership.get_absolute_url()}"

    # The memorandum of understanding is asked for in the lead officer's inbox.
    switch_to(officer)
    memorandum = "Memorandum of understanding/agreement"
    page.get_by_role("link", name=f"{memorandum}: {NAME}").click()
    expect(page.get_by_label(memorandum)).to_be_checked()
    check(page)
    start_form(page)
    answer_every_section(page, check)
    check(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Head of Governance")).to_contain_text(
        "Waiting for a decision"
    )
    check(page)
    agreement = page.url

    # Only the Head of Governance approves it.
    switch_to(people["governance"])
    decide(page, check, agreement, comment="The control measures are sound.")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()
    check(page)

    # Policy and Communications mark it for additional monitoring: it is in the bi-annual
    # report to Executive Cabinet.
    switch_to(people["keeper"])
    page.goto(record)
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    expect(page.get_by_text("Active", exact=True).first).to_be_visible()
    check(page)
    page.get_by_role("link", name="Change the record").click()
    check(page)
    page.get_by_label("Additional monitoring is required").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Additional monitoring required").locator("..")).to_contain_text("Yes")
    page.goto(f"{live_server.url}/reports/")
    check(page)
    page.get_by_role("link", name="Key partnership reports to Executive Cabinet").click()
    check(page)
    page.get_by_role("button", name="Open a report").click()
    check(page)
    for group, (day, month, year) in {
        "Start of the period": ("1", "4", "2027"),
        "End of the period": ("30", "9", "2027"),
    }.items():
        page.get_by_role("group", name=group).get_by_label("Day").fill(day)
        page.get_by_role("group", name=group).get_by_label("Month").fill(month)
        page.get_by_role("group", name=group).get_by_label("Year").fill(year)
    page.get_by_role("button", name="Open the report").click()
    expect(page.get_by_role("heading", name="Key partnership report, April to September 2027"))
    check(page)
    cabinet_report = page.url

    switch_to(officer)
    page.get_by_role("link", name=f"Write the performance report entry for {NAME}").click()
    check(page)
    page.get_by_label("Performance against this year's targets").fill("Visits up 8% on target.")
    page.get_by_label("Emerging issues").fill("None.")
    page.get_by_label("Yes, on budget").check()
    page.get_by_label("Key partners' strength and stability").fill("Sound accounts.")
    page.get_by_role("button", name="Save the entry").click()
    expect(page.get_by_text(f"The entry for {NAME} has been saved")).to_be_visible()

    switch_to(people["keeper"])
    page.get_by_role("link", name="Assemble and close the performance report").click()
    expect(page.get_by_text("Visits up 8% on target.")).to_be_visible()
    page.get_by_role("button", name="Close the report").click()
    check(page)
    page.get_by_role("button", name="Close the report").click()
    expect(page.get_by_text("The report is closed and ready for Executive Cabinet")).to_be_visible()
    expect(page.get_by_text("Waiting for Executive Cabinet")).to_be_visible()
    check(page)

    switch_to(people["clerk"])
    decide(page, check, cabinet_report, comment="Noted by Executive Cabinet.", minute="EC/2027/52",
           opens="Record the decision of Executive Cabinet")  # fmt: skip
    expect(
        page.get_by_text("Considered by Executive Cabinet on 3 November 2026, minute EC/2027/52")
    ).to_be_visible()
    check(page)

    # Three years on, the review falls due: the daily run plans it and, six days before its
    # due date (set here rather than waited for), puts it in the lead officer's inbox. The
    # lead officer answers the review's two questions; the Head of Service and Policy and
    # Communications sign the answers off.
    review = review_plan(partnership)
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=6))
    call_command("send_review_reminders")
    switch_to(officer)
    page.goto(record)
    page.get_by_role("link", name="Complete a form").click()
    page.get_by_label("Three-yearly review of a key partnership").check()
    check(page)
    start_form(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Review of the partnership itself")
    answer_every_section(page, check)
    check(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    check(page)
    assessment = page.url
    switch_to(people["head"])
    decide(page, check, assessment, comment="Governance is sound.")
    switch_to(people["keeper"])
    decide(page, check, assessment, comment="Still relevant to the Council's priorities.")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    switch_to(officer)
    page.get_by_role("link", name=f"Three-yearly review: {NAME}").click()
    expect(page.get_by_role("heading", name="Three-yearly review")).to_be_visible()
    expect(page.get_by_text("Due soon")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Complete the review").click()
    check(page)
    signed_off = re.compile(r"Three-yearly review of a key partnership, submitted .*signed off")
    page.get_by_label(signed_off).check()
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("Still relevant and effective; the council stays in.")
    page.get_by_role("button", name="Complete the review").click()
    expect(page.get_by_text("The next three-yearly review is due by")).to_be_visible()
    check(page)

    # Leaving: decided as joining was, by the Head of Service, Policy and Communications and
    # Executive Cabinet.
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    check(page)
    withdrawal = propose_leaving(
        page,
        check,
        {
            "Why should the council leave": "A trust now runs the centres.",
            "What are the risks of leaving?": "Loss of influence; low.",
            "How will the council's responsibilities": "The trust takes them on.",
            "How will services to residents continue": "Under the trust's lease.",
            "Exit strategy": "Six months' notice to the board.",
            "Legal advice taken": "Legal Services: notice under clause 9.",
            "Financial advice taken": "Finance: no liabilities after March.",
        },
        exit_year=2030,
    )
    switch_to(people["head"])
    expect(page.get_by_role("link", name=f"Leaving: {NAME}")).to_be_visible()
    decide(page, check, withdrawal, comment="The service agrees.")
    switch_to(people["keeper"])
    decide(page, check, withdrawal, comment="The register will show it as exiting.")
    switch_to(people["clerk"])
    decide(page, check, withdrawal, comment="Executive Cabinet agreed.", minute="EC/2029/12")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    check(page)

    # The lead officer evaluates the partnership on leaving; Policy and Communications
    # accept it and SMT considers it.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council is leaving this partnership")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Complete the cessation evaluation").click()
    page.wait_for_url(lambda url: url != record)
    answer_every_section(page, check)
    check(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    check(page)
    evaluation = page.url
    switch_to(people["keeper"])
    decide(page, check, evaluation, comment="Lessons noted.")
    switch_to(people["clerk"])
    decide(page, check, evaluation, comment="SMT noted the evaluation.", minute="SMT/2030/3")

    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    expect(page.get_by_text("Ceased", exact=True).first).to_be_visible()
    check(page)


def answer_the_proposal(page, live_server, check, name, answers):
    """The proposal's pages up to the tier questions, answered from `answers`. They are the
    pages of the proposal journey (South Derbyshire's), but the words around them are this
    council's, so each is checked here too."""
    start(page, live_server, check, name)
    expect(page.get_by_role("heading", level=1)).to_have_text("Purpose and accountable body")
    check(page)
    page.get_by_label("What is the main purpose of the partnership?").fill(answers["purpose"])
    page.get_by_label("The council is the accountable body").check()
    if answers.get("sponsor"):
        page.get_by_label(answers["sponsor"][0]).select_option(label=answers["sponsor"][1])
    page.get_by_role("group", name=re.compile("statutory")).get_by_label("No").check()
    formed = page.get_by_role("group", name="Date formed")
    formed.get_by_label("Day").fill("1")
    formed.get_by_label("Month").fill("4")
    formed.get_by_label("Year").fill("2027")
    save_and_continue(page)
    answer_alternatives(page, check)

    expect(page.get_by_role("heading", level=1)).to_have_text("Partner organisations")
    check(page)
    page.get_by_label("Name of the organisation").fill(answers["partner"])
    page.get_by_label("Public", exact=True).check()
    page.get_by_role("group", name="Has it agreed to take part?").get_by_label("Yes").check()
    page.get_by_role("button", name="Add the organisation").click()
    expect(page.get_by_role("cell", name=answers["partner"], exact=True)).to_be_visible()
    check(page)
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("The council's strategic objectives")
    check(page)
    page.get_by_label(answers["objective"]).check()
    page.get_by_label("How will it contribute to them?").fill(answers["contribution"])
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Council resources")
    check(page)
    page.get_by_label("Financial year").fill("2026/27")
    page.get_by_label("Funding", exact=True).check()
    page.get_by_label("Amount in pounds (optional)").fill("250000")
    page.get_by_label("Yes, within existing budgets").check()
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    check(page)
    page.get_by_label("Where is it likely to meet?").fill(answers["place"])
    page.get_by_label("How often is it likely to meet?").fill("Every quarter")
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Risks to the council")
    check(page)
    page.get_by_label("Describe the risk to the council").fill(answers["risk"])
    page.get_by_label("3: Likely").check()
    page.get_by_label("3: Major").check()
    page.get_by_label("Risk owner").fill(answers["risk_owner"])
    page.get_by_role("button", name="Add the risk").click()
    expect(page.get_by_text("9, Medium (3 × 3)")).to_be_visible()
    check(page)
    save_and_continue(page)

    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership agreement")
    check(page)
    page.get_by_role("group", name=re.compile("partnership agreement")).get_by_label("No").check()
    save_and_continue(page)
