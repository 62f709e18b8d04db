"""V2: reminders before a review is due and weekly while overdue, each sent once."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from accounts.policy import Policy
from reviews.models import ReminderSent, Review
from reviews.reminders import reminder_for, send_reminders
from reviews.services import review_bring_forward, review_plan
from tests.factories import PartnershipFactory


def due_in(review, days):
    Review.objects.filter(pk=review.pk).update(due=timezone.localdate() + timedelta(days=days))
    review.refresh_from_db()
    return review


@pytest.fixture
def review(partnership):
    return review_plan(partnership)


def run_twice(django_capture_on_commit_callbacks, today=None):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders(today)
    with django_capture_on_commit_callbacks(execute=True):
        second = send_reminders(today)
    return first, second


def test_it_emails_the_lead_officer_and_sponsor_once_when_a_review_comes_due(
    review, mailoutbox, django_capture_on_commit_callbacks
):
    due_in(review, 25)

    assert run_twice(django_capture_on_commit_callbacks) == (1, 0)

    assert sorted(m.to[0] for m in mailoutbox) == ["lead@example.org", "sponsor@example.org"]
    assert "The annual review of Leisure Trust is due by" in mailoutbox[0].subject
    assert review.get_absolute_url() in mailoutbox[0].body


def test_it_sends_nothing_while_a_review_is_far_off(
    review, mailoutbox, django_capture_on_commit_callbacks
):
    due_in(review, 31)
    assert run_twice(django_capture_on_commit_callbacks) == (0, 0)
    assert mailoutbox == []


def test_it_sends_the_seven_day_reminder_after_the_thirty_day_one(review):
    policy = Policy.current()
    due_in(review, 30)
    today = timezone.localdate()
    assert reminder_for(review, today, policy)[0].endswith("-30")
    assert reminder_for(review, today + timedelta(days=22), policy)[0].endswith("-30")
    assert reminder_for(review, today + timedelta(days=23), policy)[0].endswith("-7")
    assert reminder_for(review, today + timedelta(days=30), policy)[0].endswith("-7")


def test_it_reminds_weekly_while_overdue(review, mailoutbox, django_capture_on_commit_callbacks):
    due_in(review, -1)
    today = timezone.localdate()
    sent = []
    for day in range(0, 21):
        with django_capture_on_commit_callbacks(execute=True):
            sent.append(send_reminders(today + timedelta(days=day)))
    # Overdue from the day after it was due: days 0, 7 and 14 of the run.
    assert [day for day, count in enumerate(sent) if count] == [0, 7, 14]
    assert "is overdue" in mailoutbox[0].subject


def test_it_reminds_again_when_a_review_is_brought_forward(
    people, review, mailoutbox, django_capture_on_commit_callbacks
):
    due_in(review, 25)
    run_twice(django_capture_on_commit_callbacks)
    review_bring_forward(
        review.pk, timezone.localdate() + timedelta(days=5), "Overspend", actor=people["keeper"]
    )
    assert run_twice(django_capture_on_commit_callbacks) == (1, 0)
    assert ReminderSent.objects.filter(review=review).count() == 2


def test_it_tells_the_register_keeper_when_nobody_leads_the_partnership(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    review = due_in(review_plan(PartnershipFactory(name="Orphan")), 3)
    run_twice(django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["keeper@example.org"]]
    assert review.reminders.get().recipients == "keeper@example.org"


def test_the_daily_command_plans_reviews_then_reminds(
    partnership, mailoutbox, django_capture_on_commit_callbacks
):
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_review_reminders", stdout=out)
    assert "Planned 1 reviews. Cancelled 0. Sent 0 reminders." in out.getvalue()
    due_in(partnership.reviews.get(), 7)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_review_reminders", stdout=out)
    assert len(mailoutbox) == 2  # the lead officer and the sponsor, once
    assert "Sent 1 reminders." in out.getvalue()
    assert "Sent 0 reminders." in out.getvalue().splitlines()[-1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this there"
)
def test_two_hosts_running_at_once_send_each_reminder_once(partnership, mailoutbox):
    review = due_in(review_plan(partnership), 5)
    start = threading.Barrier(2)
    counts = []

    def run():
        start.wait()
        try:
            counts.append(send_reminders())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(counts) == [0, 1]
    assert ReminderSent.objects.filter(review=review).count() == 1
    assert len(mailoutbox) == 2
