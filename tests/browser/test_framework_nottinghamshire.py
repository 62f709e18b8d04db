"""Nottinghamshire County Council's Partnerships Management Framework (000), walked whole in a
real browser. Stage 1: a strategic partnership proposed with its senior partnership sponsor
and pre-partnership agreement (s4.1), approved by the Chief Officer, the Corporate Leadership
Team and Cabinet (recorded by Democratic Services); the council's representative on it, an
outside body, records the section 5 checks with their declaration; the review of existing
partnerships asks the Stage 1 questions and goes to the Corporate Leadership Team; and
leaving, negotiated by the Chief Officer with the Cabinet lead (s3.1.2), one Member's decision
recorded with its date and reference, until the partnership has ceased."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.policy import Policy
from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from partnerships.models import Partnership
from reviews.models import Review
from reviews.services import review_plan
from tests.browser.test_council_forms_journey import answer_every_section, start_form
from tests.factories import ServiceFactory, StrategicObjectiveFactory, UserFactory

from .steps import FRAMEWORK_JOURNEY, decide, propose_leaving, save_and_continue
from .test_framework_chorley import answer_the_proposal, checker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = FRAMEWORK_JOURNEY

NAME = "Highways Maintenance Partnership"
CABINET_LEAD = ("Date of the decision", "Decision reference")


@pytest.fixture
def people(transactional_db):
    policy_apply_preset("nottinghamshire")
    load_forms()
    StrategicObjectiveFactory(name="A place where people can travel safely")
    service = ServiceFactory(name="Highways and Transport")
    make = lambda username, role, **kw: UserFactory(username=username, role=role, **kw)  # noqa: E731
    return {
        "officer": make("officer", Role.OFFICER, service=service, first_name="Sam"),
        "chief": make("chief", Role.HEAD_OF_SERVICE, service=service, first_name="Hana"),
        "keeper": make("keeper", Role.REGISTER_KEEPER, first_name="Priya"),
        "clerk": make("clerk", Role.CLERK, first_name="Dev"),
        # s4.1: "a senior partnership sponsor who will have ultimate responsibility".
        "sponsor": make(
            "sponsor",
            Role.SMT,
            first_name="Morgan",
            last_name="Adeyemi",
            job_title="Corporate Director, Place",
        ),  # fmt: skip
    }


@pytest.fixture
def check(check_accessible, people):
    return checker(check_accessible, "nottinghamshire")


def test_a_strategic_partnership_goes_through_nottinghamshires_whole_framework(
    page, live_server, sign_in, switch_to, check, people
):
    officer, clerk = people["officer"], people["clerk"]
    sign_in(page, officer)

    # Stage 1: the officer proposes it with the senior partnership sponsor who agreed to it.
    answer_the_proposal(page, live_server, check, NAME, {
        "purpose": "To maintain the county's roads with a contractor and the district councils.",
        "sponsor": ("Senior partnership sponsor", "Morgan Adeyemi"),
        "partner": "Via East Midlands",
        "objective": "A place where people can travel safely",
        "contribution": "Fewer potholes and safer junctions.",
        "place": "County Hall, West Bridgford",
        "risk": "The contractor fails to meet the response times.",
        "risk_owner": "Group Manager, Highways",
    })  # fmt: skip

    # s4.1: "larger, strategic and contractual partnerships".
    expect(page.get_by_role("heading", level=1)).to_have_text("Is it a strategic partnership?")
    check(page)
    groups = page.get_by_role("group")
    expect(groups).to_have_count(3)
    for group in groups.all():
        group.get_by_label("Yes").check()
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

    # The pre-partnership agreement comes first: the proposal cannot go without it.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your answers before submitting the proposal"
    )
    expect(page.get_by_text("Strategic partnership", exact=True).first).to_be_visible()
    expect(page.get_by_text("Morgan Adeyemi").first).to_be_visible()
    check(page)
    check_page = page.url
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Complete the Pre-partnership agreement").first.click()
    expect(page.get_by_label("Pre-partnership agreement")).to_be_checked()
    check(page)
    start_form(page)
    answer_every_section(page, check)
    expect(page.get_by_role("heading", name="It goes with the proposal")).to_be_visible()
    check(page)
    page.goto(check_page)
    page.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_text("Your proposal has been submitted to Chief Officer")).to_be_visible()
    check(page)
    proposal = page.url

    # The Chief Officer, then the Corporate Leadership Team and Cabinet at their meetings.
    switch_to(people["chief"])
    expect(page.get_by_role("link", name=re.compile(NAME)).first).to_be_visible()
    check(page)
    decide(page, check, proposal, comment="The department will lead it.")
    switch_to(clerk)
    decide(page, check, proposal, comment="Endorsed by CLT.", minute="CLT/2026/31")
    expect(
        page.get_by_role("listitem").filter(has_text="Cabinet").filter(has_not_text="Corporate")
    ).to_contain_text("Waiting for a decision")
    decide(page, check, proposal, comment="Approved by Cabinet.", minute="CAB/2026/77")
    expect(page.get_by_text("Approved", exact=True).first).to_be_visible()
    expect(page.get_by_text("Meeting 3 November 2026, minute CAB/2026/77")).to_be_visible()
    check(page)
    partnership = Partnership.objects.get(name=NAME)
    record = f"{live_server.url}{partnership.get_absolute_url()}"

    # Section 5: the council's representative on it, an outside body, and the checks the
    # Chief Officer needs to be assured of, recorded with the representative's declaration.
    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("Active", exact=True).first).to_be_visible()
    expect(page.get_by_text("Strategic partnership").first).to_be_visible()
    check(page)
    page.get_by_role("link", name="Add a representative").click()
    check(page)
    page.get_by_label("Name", exact=True).fill("Councillor Jo Sutton")
    page.get_by_label("Councillor", exact=True).check()
    page.get_by_label("Director", exact=True).check()
    started = page.get_by_role("group", name="Date started")
    started.get_by_label("Day").fill("1")
    started.get_by_label("Month").fill("4")
    started.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("row").filter(has_text="Councillor Jo Sutton")).to_contain_text(
        "None recorded"
    )
    page.get_by_role("link", name="Record a declaration for Councillor Jo Sutton").click()
    checks = [check["label"] for check in Policy.current().declaration_checks]
    for label in checks:
        expect(page.get_by_label(label)).to_be_visible()
    check(page)
    declared = page.get_by_role("group", name="Date of the declaration")
    declared.get_by_label("Day").fill("2")
    declared.get_by_label("Month").fill("4")
    declared.get_by_label("Year").fill("2026")
    page.get_by_label("Interests declared").fill("Member of the district's highways forum.")
    for label in checks:
        page.get_by_label(label).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(
        page.get_by_text("The declaration for Councillor Jo Sutton has been recorded")
    ).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Councillor Jo Sutton")).to_contain_text(
        "Member of the district's highways forum."
    )
    check(page)

    # A year on, the review of existing partnerships falls due: the daily run plans it and,
    # six days before its due date (set here rather than waited for), puts it in the lead
    # officer's inbox. The lead officer answers the Stage 1 questions; the Chief Officer, who
    # monitors the department's partnerships, and the corporate partnerships team sign them off.
    review = review_plan(partnership)
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=6))
    call_command("send_review_reminders")
    page.goto(record)
    page.get_by_role("link", name="Complete a form").click()
    page.get_by_label("Reviewing the effectiveness of the partnership").check()
    check(page)
    start_form(page)
    answer_every_section(page, check)
    check(page)
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_text("The form has been submitted for sign-off")).to_be_visible()
    check(page)
    stage1 = page.url
    switch_to(people["chief"])
    decide(page, check, stage1, comment="It still meets the council's objectives.")
    switch_to(people["keeper"])
    decide(page, check, stage1, comment="The register entry is current.")
    expect(page.get_by_text("Signed off", exact=True)).to_be_visible()

    switch_to(officer)
    page.get_by_role("link", name=f"Annual review: {NAME}").click()
    expect(page.get_by_text("Due soon")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Complete the review").click()
    check(page)
    stage1_answers = re.compile("Reviewing the effectiveness of the partnership, submitted")
    page.get_by_label(stage1_answers).check()
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("It no longer meets the council's objectives: leave.")
    page.get_by_role("button", name="Complete the review").click()
    expect(page.get_by_text("The next annual review is due by")).to_be_visible()
    check(page)

    # Leaving (s3.1.2): with a risk analysis and, as it is contractual, legal and financial
    # advice; the Chief Officer decides, then the Cabinet lead.
    page.goto(record)
    page.get_by_role("link", name="Propose leaving this partnership").click()
    check(page)
    withdrawal = propose_leaving(
        page,
        check,
        {
            "Why should the council leave": "The districts now run it.",
            "What are the risks of leaving?": "Response times slip; low.",
            "How will the council's responsibilities": "The districts take them.",
            "How will services to residents continue": "Under the new contract.",
            "Exit strategy": "Twelve months' notice under the contract.",
            "Legal advice taken": "Legal Services: notice under clause 20.",
            "Financial advice taken": "Finance: no liabilities after March.",
        },
        exit_year=2029,
    )
    switch_to(people["chief"])
    expect(page.get_by_role("link", name=f"Leaving: {NAME}")).to_be_visible()
    decide(page, check, withdrawal, comment="Negotiated with the Cabinet lead.")
    # The Cabinet lead's decision is one Member's, recorded by Democratic Services with the
    # decision's date and reference, not a meeting's minute.
    switch_to(clerk)
    expect(page.get_by_role("link", name=f"Leaving: {NAME}")).to_be_visible()
    decide(page, check, withdrawal, comment="The Cabinet lead agreed.", minute="DEC/2028/19",
           recorded=CABINET_LEAD)  # fmt: skip
    expect(page.get_by_text("Decision 3 November 2026, reference DEC/2028/19")).to_be_visible()
    check(page)

    # The lead officer evaluates the partnership on leaving; the Chief Officer accepts it and
    # the Corporate Leadership Team considers it.
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
    switch_to(people["chief"])
    decide(page, check, evaluation, comment="Lessons noted.")
    switch_to(clerk)
    decide(page, check, evaluation, comment="CLT noted the evaluation.", minute="CLT/2029/4")

    switch_to(officer)
    page.goto(record)
    expect(page.get_by_text("The council has left this partnership")).to_be_visible()
    expect(page.get_by_text("Ceased", exact=True).first).to_be_visible()
    check(page)
