"""Steps that many journeys take, written once: a decision on a route's step and the
"Save and continue" of a question page."""

from playwright.sync_api import expect

# What the accessibility statement calls the five framework journeys: one name for all, since
# the statement is read under one council's policy and must not name the others (U1).
FRAMEWORK_JOURNEY = "each council's whole framework, under its own policy"


def save_and_continue(page):
    page.get_by_role("button", name="Save and continue").click()


def decide(
    page, check_accessible, address, outcome="Approve", comment="Agreed.", minute=None, opens=None,
    recorded=("Date of the meeting", "Minute reference"),
):  # fmt: skip
    """Decides the step waiting on `address` as the signed-in person. With `minute`, the
    clerk records a meeting's decision: the meeting was on 3 November 2026 (`recorded` names
    the date's and reference's fields where a step is recorded from something else, such as
    a Member's decision). `opens` names the button that opens the decision where it is not
    "Decide" (a committee's consideration of a report: "Record the decision of ...")."""
    page.goto(address)
    if opens:
        page.get_by_role("button", name=opens).click()
    else:
        # A button on most subjects' pages, a link styled as one on a form's page.
        decide = page.get_by_role("button", name="Decide")
        decide.or_(page.get_by_role("link", name="Decide")).click()
    page.wait_for_url("**/decide/")
    check_accessible(page)
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Comment").fill(comment)
    if minute:
        meeting = page.get_by_role("group", name=recorded[0])
        meeting.get_by_label("Day").fill("3")
        meeting.get_by_label("Month").fill("11")
        meeting.get_by_label("Year").fill("2026")
        page.get_by_label(recorded[1]).fill(minute)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Your decision has been recorded")).to_be_visible()


def propose_leaving(page, check_accessible, answers, exit_year):
    """From the record's "Propose leaving this partnership" page: answers its questions (by
    label), proposes leaving on 31 March of `exit_year` and sends it. Returns the address of
    the proposal to leave."""
    for label, answer in answers.items():
        page.get_by_label(label).fill(answer)
    exit_date = page.get_by_role("group", name="Proposed exit date")
    exit_date.get_by_label("Day").fill("31")
    exit_date.get_by_label("Month").fill("3")
    exit_date.get_by_label("Year").fill(str(exit_year))
    page.get_by_role("button", name="Send for a decision").click()
    expect(page.get_by_text("Your proposal to leave has been sent for a decision")).to_be_visible()
    check_accessible(page)
    return page.url
