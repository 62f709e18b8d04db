"""A review in a real browser (V1, V2): it comes due, the daily run reminds the lead officer
and sponsor once however often it runs, the lead officer completes it and the next review
moves on a year; the register keeper sees the timetable and brings a review forward."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.roles import Role
from accounts.services import policy_apply_preset
from reviews.models import Review
from reviews.services import add_months
from tests.factories import PartnershipFactory, ServiceFactory, UserFactory
from tests.reviews.conftest import submitted_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the accessibility statement calls this journey (check_accessible records it).
JOURNEY = "reviews coming due and being completed"


def test_it_reminds_once_and_moves_the_next_review_on(
    page, live_server, sign_in, check_accessible, mailoutbox
):
    policy_apply_preset("south-derbyshire")
    leisure = ServiceFactory(name="Leisure")
    lead = UserFactory(username="lead", role=Role.OFFICER, service=leisure)
    sponsor = UserFactory(username="sponsor", role=Role.HEAD_OF_SERVICE, service=leisure)
    keeper = UserFactory(username="keeper", role=Role.REGISTER_KEEPER)
    partnership = PartnershipFactory(
        name="Leisure Trust", lead_service=leisure, lead_officer=lead, sponsor=sponsor
    )

    # The daily run plans the review; six days before it is due it reminds, once.
    call_command("send_review_reminders")
    review = partnership.reviews.get()
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=6))
    call_command("send_review_reminders")
    call_command("send_review_reminders")
    assert sorted(m.to[0] for m in mailoutbox) == [lead.email, sponsor.email]
    assert all("annual review of Leisure Trust is due by" in m.subject for m in mailoutbox)

    # The lead officer submitted the assessment and the evaluation report (their own journeys
    # are tested elsewhere), then finds the review in their inbox.
    submitted_form(lead, partnership, "south-derbyshire-assessment")
    submitted_form(lead, partnership, "south-derbyshire-evaluation")
    sign_in(page, lead)
    page.get_by_role("link", name="Annual review: Leisure Trust").click()
    expect(page.get_by_role("heading", name="Annual review")).to_be_visible()
    expect(page.get_by_text("Due soon")).to_be_visible()
    check_accessible(page)

    page.get_by_role("link", name="Complete the review").click()
    page.get_by_role("button", name="Complete the review").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Enter the review's conclusions")).to_be_visible()
    check_accessible(page)
    page.get_by_label(re.compile("Partnership Assessment, submitted")).check()
    page.get_by_label(re.compile("Partnership Evaluation Checklist, submitted")).check()
    page.get_by_label("I have checked the partnership's register entry").check()
    page.get_by_label("Conclusions").fill("Still relevant and effective; the council stays in.")
    page.get_by_role("button", name="Complete the review").click()

    next_due = add_months(timezone.localdate(), 12)
    expect(
        page.get_by_text(f"The next annual review is due by {next_due:%-d %B %Y}")
    ).to_be_visible()
    check_accessible(page)
    # 001: the completed review, with its assessment, goes to SMT and then Leading Members.
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    expect(page.get_by_text("Waiting for Senior Management Team (SMT)")).to_be_visible()
    check_accessible(page)

    # The register keeper sees the timetable and brings the new review forward.
    page.context.clear_cookies()
    sign_in(page, keeper)
    page.goto(f"{live_server.url}/reviews/?show=open")
    expect(page.get_by_role("cell", name=f"{next_due:%-d %b %Y}")).to_be_visible()
    check_accessible(page)
    page.get_by_role("link", name="Leisure Trust").click()
    page.get_by_role("link", name="Bring the review forward").click()
    page.get_by_role("button", name="Bring it forward").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check_accessible(page)
    sooner = timezone.localdate() + timedelta(days=60)
    page.get_by_label("Day").fill(str(sooner.day))
    page.get_by_label("Month").fill(str(sooner.month))
    page.get_by_label("Year").fill(str(sooner.year))
    page.get_by_label("Why is it being brought forward?").fill("The trust's funding was cut.")
    page.get_by_role("button", name="Bring it forward").click()
    expect(page.get_by_text("The review has been brought forward")).to_be_visible()
    expect(page.get_by_text("The trust's funding was cut.")).to_be_visible()
    check_accessible(page)

    # Overdue reviews show on the register.
    Review.objects.filter(partnership=partnership, state="planned").update(
        due=timezone.localdate() - timedelta(days=1)
    )
    page.goto(f"{live_server.url}/register/?review=overdue")
    expect(page.get_by_role("link", name="Leisure Trust")).to_be_visible()
    expect(page.locator("strong.govuk-tag--red", has_text="Overdue")).to_be_visible()
    check_accessible(page)
